// The object gate: a model's presence head bans the words of classes it does not see (object_gate.json).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import type { CaptionOptions } from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';

let model: CaptionModel;

beforeAll(async () => {
  model = await CaptionModel.load(exportTinyModel(), { threads: 1 });
});
afterAll(async () => {
  await model?.release();
});

const options = (beams: number): CaptionOptions => ({
  beams,
  maxWords: 10,
  alternatives: beams,
  attention: false,
});
const SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

async function captions(
  presenceThreshold: number | undefined,
  beams: number,
  countGate?: boolean,
): Promise<string[][]> {
  const engine = createEngine(model, {
    ...(presenceThreshold === undefined ? {} : { presenceThreshold }),
    ...(countGate === undefined ? {} : { countGate }),
  });
  try {
    const results = await Promise.all(
      SEEDS.map((seed) => engine.caption({ image: randomImage(seed), options: options(beams) })),
    );
    return results.map((r) => r.alternatives.map((a) => a.caption));
  } finally {
    await engine.close(0);
  }
}

describe('object gate', () => {
  it('ships with the export: one token list per class, off by default for this model', () => {
    const gate = model.objectGate;
    expect(gate).toBeDefined();
    expect(gate?.defaultThreshold).toBe(0);
    const words = gate?.classTokens.map((tokens) =>
      tokens.map((t) => model.dir.tokenizer.decode([t])).sort(),
    );
    expect(words).toEqual([
      ['ball', 'balls'],
      ['cube', 'cubes'],
      ['apple', 'apples'],
    ]);
    expect(gate?.phrases).toBeDefined(); // read in context
  });

  it('a gate file without phrases bans the token_ids of each absent class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    cpSync(model.dir.path, dir, { recursive: true });
    const file = join(dir, 'object_gate.json');
    const gate = JSON.parse(readFileSync(file, 'utf8')) as {
      classes: { phrases?: unknown }[];
      count_gate?: unknown;
    };
    for (const c of gate.classes) delete c.phrases;
    delete gate.count_gate; // an older export: no phrases, no count head
    writeFileSync(file, JSON.stringify(gate));
    const old = await CaptionModel.load(dir, { threads: 1 });
    try {
      const objectGate = old.objectGate;
      if (!objectGate) throw new Error('no object gate');
      expect(objectGate.phrases).toBeUndefined();
      const scores = new Float64Array(old.dir.tokenizer.vocabSize);
      objectGate.processor(Float32Array.from([0.9, 0.1, 0.9]), 0.5)([1], scores);
      const banned = [...scores.keys()].filter((t) => scores[t] === Number.NEGATIVE_INFINITY);
      expect(banned.sort()).toEqual([...(objectGate.classTokens[1] ?? [])].sort());
      expect(objectGate.counting).toBeUndefined();
      expect(() => createEngine(old, { countGate: true })).toThrow(RangeError);
    } finally {
      await old.release();
    }
  });

  it('a gate file with free_bigrams gates a phrase from its first word', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    cpSync(model.dir.path, dir, { recursive: true });
    const file = join(dir, 'object_gate.json');
    const gate = JSON.parse(readFileSync(file, 'utf8')) as {
      classes: { phrases?: number[][] }[];
      free_bigrams?: [number, number][];
    };
    const token = (word: string) => model.dir.tokenizer.tokenId(word) ?? -1;
    const [red, ball, a] = [token('red'), token('ball'), token('a')];
    const cls = gate.classes[0];
    if (!cls || red < 0 || ball < 0 || a < 0) throw new Error('the tiny model lacks a word');
    cls.phrases = [[red, ball]]; // as if class 0 were "red ball": "red" can only begin it
    const banned = async (free: [number, number][] | undefined, said: number[] = [a]) => {
      if (free === undefined) delete gate.free_bigrams;
      else gate.free_bigrams = free;
      writeFileSync(file, JSON.stringify(gate));
      const loaded = await CaptionModel.load(dir, { threads: 1 });
      try {
        const scores = new Float64Array(loaded.dir.tokenizer.vocabSize);
        loaded.objectGate?.processor(Float32Array.from([0.1, 0.9, 0.9]), 0.5)([1, ...said], scores);
        return [...scores.keys()].filter((t) => scores[t] === Number.NEGATIVE_INFINITY);
      } finally {
        await loaded.release();
      }
    };
    expect(await banned([[1, a]])).toEqual([red]);
    // older files: only the last word is read, so the caption can say "red" and then not finish the phrase
    expect(await banned(undefined)).toEqual([]);
    expect(await banned(undefined, [a, red])).toEqual([ball]);
    expect(await banned([[a, red]])).toEqual([]); // never banned where training used it freely
    // elsewhere "red" can only begin the phrase (and after it "ball" can only end it)
    expect(await banned([[a, red]], [red])).toEqual([ball, red].sort((x, y) => x - y));
  });

  it('bans the words of every class whose presence is below the threshold, in every beam', async () => {
    const gate = model.objectGate;
    if (!gate) throw new Error('no object gate');
    const states = await model.encodeImages(SEEDS.map((seed) => randomImage(seed)));
    const presence = (await gate.estimate(states)).map((e) => e.presence);
    const classWords = ['ball', 'cube', 'apple'];
    const plural = (w: string) => [w, `${w}s`];
    const off = await captions(0, 3);
    const gated = await captions(0.8, 3);
    let changed = 0;
    gated.forEach((alternatives, i) => {
      const absent = classWords.filter((_, c) => (presence[i]?.[c] ?? 0) < 0.8).flatMap(plural);
      for (const caption of alternatives) {
        const words = caption.split(' ');
        expect(words.filter((w) => absent.includes(w))).toEqual([]);
      }
      if (JSON.stringify(alternatives) !== JSON.stringify(off[i])) changed++;
    });
    // The ungated captions do use banned words, so the gate had something to do.
    const ungatedUses = off.some((alternatives, i) => {
      const absent = classWords.filter((_, c) => (presence[i]?.[c] ?? 0) < 0.8).flatMap(plural);
      return alternatives.some((caption) => caption.split(' ').some((w) => absent.includes(w)));
    });
    expect(ungatedUses).toBe(true);
    expect(changed).toBeGreaterThan(0);
  });

  it('threshold 0 and the model default (0 here) give the ungated search', async () => {
    expect(await captions(undefined, 3)).toEqual(await captions(0, 3));
  });

  it('count gate: a count word needs a class counted so, and is on by default where the model says', async () => {
    const gate = model.objectGate;
    if (!gate?.counting) throw new Error('no count gate');
    expect(gate.countGateDefault).toBe(false); // off by default for this model
    // This random model says "blue" all the time and counts no class as 2 objects: declared a count word for 2 and
    // turned on in a copy of the model, "blue" may never be said.
    const estimates = await gate.estimate(await model.encodeImages(SEEDS.map((s) => randomImage(s))));
    expect(estimates.flatMap((e) => Array.from(e.counts ?? [], Math.round))).not.toContain(2);
    const blue = model.dir.tokenizer.tokenId('blue');
    const dir = mkdtempSync(join(tmpdir(), 'count-gate-'));
    cpSync(model.dir.path, dir, { recursive: true });
    const file = join(dir, 'object_gate.json');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as { count_gate: Record<string, unknown> };
    spec.count_gate.enabled = true;
    spec.count_gate.count_words = [{ token_id: blue, count: 2 }];
    writeFileSync(file, JSON.stringify(spec));
    const counted = await CaptionModel.load(dir, { threads: 1 });
    const run = async (countGate?: boolean) => {
      const engine = createEngine(counted, countGate === undefined ? {} : { countGate });
      try {
        const results = await Promise.all(
          SEEDS.map((seed) => engine.caption({ image: randomImage(seed), options: options(3) })),
        );
        return results.flatMap((r) => r.alternatives.map((a) => a.caption.split(' ')));
      } finally {
        await engine.close(0);
      }
    };
    try {
      expect((await run(false)).some((words) => words.includes('blue'))).toBe(true);
      for (const words of await run()) expect(words).not.toContain('blue');
    } finally {
      await counted.release();
    }
  });

  it('refuses a threshold outside [0, 1]', () => {
    expect(() => createEngine(model, { presenceThreshold: 1.5 })).toThrow(RangeError);
  });
});
