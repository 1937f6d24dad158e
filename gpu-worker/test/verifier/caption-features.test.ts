// The verifier's features as the engine computes them for real captions of the tiny exported model, checked against
// a replay of each caption through the decoder without cache (log-probabilities, the gate's banned mass) and the
// presence head's own outputs.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logitsRow, logSoftmax } from '../../src/decode/logits.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { CaptionResult } from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { FEATURE_NAMES, type FeatureName } from '../../src/verifier/caption-features.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';

let model: CaptionModel;

/**
 * The tiny model says "blue" over and over, and names no class. Made a word of class 0 (ball, whose presence is
 * about 0.34 on these images), "blue" is what the gate bans at threshold 0.5, so the gate removes most of the
 * probability at every step and the captions name the classes left (cubes, 0.76).
 */
function withBlueBall(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'features-'));
  cpSync(dir, copy, { recursive: true });
  const file = join(copy, 'object_gate.json');
  const gate = JSON.parse(readFileSync(file, 'utf8')) as { classes: { phrases: number[][] }[] };
  const tokenizer = JSON.parse(readFileSync(join(copy, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const blue = tokenizer.model.vocab.blue;
  if (blue === undefined || !gate.classes[0]) throw new Error('the tiny model lacks "blue" or a class');
  gate.classes[0].phrases.push([blue]);
  writeFileSync(file, JSON.stringify(gate));
  return copy;
}

beforeAll(async () => {
  model = await CaptionModel.load(withBlueBall(exportTinyModel()), { threads: 1 });
});
afterAll(async () => {
  await model?.release();
});

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const THRESHOLD = 0.5;
const CLASS_OF: Record<string, number> = {
  ball: 0,
  balls: 0,
  blue: 0,
  cube: 1,
  cubes: 1,
  apple: 2,
  apples: 2,
};

/** Classes the caption's words name: a class word names its class unless another class word follows it (a modifier). */
function mentionedClasses(caption: string): number[] {
  const words = caption.split(' ');
  return words
    .map((w, k) => (CLASS_OF[words[k + 1] ?? ''] === undefined ? CLASS_OF[w] : undefined))
    .filter((c): c is number => c !== undefined);
}

const feature = (result: CaptionResult, name: FeatureName): number =>
  result.features[FEATURE_NAMES.indexOf(name)] ?? Number.NaN;

async function captionAll(beams: number): Promise<CaptionResult[]> {
  const engine = createEngine(model, { presenceThreshold: THRESHOLD, countGate: false });
  try {
    return await Promise.all(
      SEEDS.map((seed) =>
        engine.caption({
          image: randomImage(seed),
          options: { beams, maxWords: 10, alternatives: beams, attention: false },
        }),
      ),
    );
  } finally {
    await engine.close(0);
  }
}

/** Per generated token: its log-probability and the mass the gate bans at its step, from full-prefix decoder calls. */
async function replay(seed: number, result: CaptionResult): Promise<{ logProbs: number[]; gated: number[] }> {
  const gate = model.objectGate;
  if (!gate) throw new Error('the tiny model has no object gate');
  const states = await model.encodeImages([randomImage(seed)]);
  const [estimate] = await gate.estimate(states);
  if (!estimate) throw new Error('no estimate');
  const ban = gate.processor(estimate.presence, THRESHOLD);
  const words = result.caption === '' ? [] : model.dir.tokenizer.encode(result.caption);
  // EOS ends the caption unless it ran to the length limit.
  const tokens = result.tokens > words.length ? [...words, ...model.dir.eosIds] : words;
  const ids = [model.dir.startId, ...tokens];
  const out = await model.decoderStep({
    inputIds: ids.slice(0, -1),
    batch: 1,
    seq: ids.length - 1,
    encoderStates: states,
    past: null,
  });
  const vocab = Number(out.logits.dims[2]);
  const logProbs: number[] = [];
  const gated: number[] = [];
  tokens.forEach((token, step) => {
    const scores = logSoftmax(logitsRow(out.logits.data as Float32Array, vocab, ids.length - 1, 0, step));
    logProbs.push(scores[token] ?? Number.NaN);
    const after = Float64Array.from(scores);
    ban(ids.slice(0, step + 1), after);
    let mass = 0;
    after.forEach((s, t) => {
      if (s === Number.NEGATIVE_INFINITY) mass += Math.exp(scores[t] ?? 0);
    });
    gated.push(mass);
  });
  return { logProbs, gated };
}

describe('caption features', () => {
  it('greedy: log-probabilities, length and the gate banned mass match a replay of the caption', async () => {
    const results = await captionAll(1);
    let gatedSomewhere = 0;
    for (const [i, result] of results.entries()) {
      expect(result.features).toHaveLength(FEATURE_NAMES.length);
      expect(result.features.every(Number.isFinite)).toBe(true);
      const { logProbs, gated } = await replay(SEEDS[i] ?? 0, result);
      expect(feature(result, 'caption_tokens')).toBe(result.tokens);
      expect(logProbs).toHaveLength(result.tokens);
      const mean = logProbs.reduce((s, v) => s + v, 0) / logProbs.length;
      expect(feature(result, 'token_logprob_mean')).toBeCloseTo(mean, 4);
      expect(feature(result, 'token_logprob_mean')).toBeCloseTo(Math.log(result.confidence), 6);
      expect(feature(result, 'token_logprob_min')).toBeCloseTo(Math.min(...logProbs), 4);
      expect(feature(result, 'gated_mass_max')).toBeCloseTo(Math.max(...gated), 4);
      expect(feature(result, 'gated_mass_mean')).toBeCloseTo(
        gated.reduce((s, v) => s + v, 0) / gated.length,
        4,
      );
      if (Math.max(...gated) > 0.5) gatedSomewhere++;
      // one hypothesis: no runner-up to compare with
      expect(feature(result, 'score_gap')).toBe(0);
      expect(feature(result, 'nbest_same_objects')).toBe(1);
    }
    expect(gatedSomewhere).toBeGreaterThan(0); // the gate acted, so the mass was really measured
  });

  it('reads the presence and count heads, for all classes and for the classes the caption names', async () => {
    const gate = model.objectGate;
    if (!gate) throw new Error('no object gate');
    const results = await captionAll(1);
    const estimates = await gate.estimate(await model.encodeImages(SEEDS.map((s) => randomImage(s))));
    let named = 0;
    for (const [i, result] of results.entries()) {
      const presence = Array.from(estimates[i]?.presence ?? []);
      const counts = Array.from(estimates[i]?.counts ?? []);
      expect(feature(result, 'presence_max')).toBeCloseTo(Math.max(...presence), 6);
      expect(feature(result, 'presence_above_half')).toBe(presence.filter((p) => p > 0.5).length);
      const total = presence.reduce((s, p) => s + p, 0);
      const entropy = -presence.reduce((s, p) => s + (p / total) * Math.log(p / total), 0) / Math.log(3);
      expect(feature(result, 'presence_entropy')).toBeCloseTo(entropy, 6);
      expect(feature(result, 'count_total')).toBeCloseTo(
        counts.reduce((s, n) => s + n, 0),
        5,
      );
      const mentioned = mentionedClasses(result.caption).map((c) => presence[c] ?? 0);
      expect(feature(result, 'named_objects')).toBe(mentioned.length);
      const expectedMin = mentioned.length > 0 ? Math.min(...mentioned) : 0;
      const expectedMean = mentioned.length > 0 ? mentioned.reduce((s, p) => s + p, 0) / mentioned.length : 0;
      expect(feature(result, 'named_presence_min')).toBeCloseTo(expectedMin, 6);
      expect(feature(result, 'named_presence_mean')).toBeCloseTo(expectedMean, 6);
      // The gate let only classes at or above its threshold be named.
      for (const p of mentioned) expect(p).toBeGreaterThanOrEqual(THRESHOLD);
      named += mentioned.length;
    }
    expect(named).toBeGreaterThan(0);
  });

  it('beam search: the score gap to the runner-up and the agreement of the n-best list', async () => {
    const results = await captionAll(3);
    const classesOf = (caption: string): string => [...new Set(mentionedClasses(caption))].sort().join(',');
    for (const result of results) {
      const [best, second, third] = result.alternatives;
      if (!best || !second || !third) throw new Error('expected three alternatives');
      expect(feature(result, 'score_gap')).toBeCloseTo(best.score - second.score, 9);
      const same = [second, third].filter((h) => classesOf(h.caption) === classesOf(best.caption)).length;
      expect(feature(result, 'nbest_same_objects')).toBeCloseTo(same / 2, 9);
    }
  });
});
