import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naiveBeamSearch } from '../../bench/naive-beam-search.ts';
import { beamSearch } from '../../src/decode/beam-search.ts';
import { tensorRow } from '../../src/decode/kv-cache.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';
import { greedyDecode } from './reference-greedy.ts';

let model: CaptionModel;
const MAX_LENGTH = 12;

beforeAll(async () => {
  // The random model almost never says <eos>. To exercise the finished-hypothesis bookkeeping, declare as EOS
  // the word it says most often after the first step: the model stays the same, only its stop token changes.
  const dir = exportTinyModel();
  const probe = await CaptionModel.load(dir, { threads: 1 });
  const greedy = await greedyDecode(
    probe,
    await probe.encodeImages([1, 2, 3, 4, 5, 6].map((s) => randomImage(s))),
    {
      maxLength: MAX_LENGTH,
      minLength: 0,
    },
  );
  await probe.release();
  const counts = new Map<number, number>();
  for (const t of greedy.flatMap((g) => g.tokens.slice(1))) counts.set(t, (counts.get(t) ?? 0) + 1);
  const eos = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 2;
  const generationPath = join(dir, 'generation_config.json');
  const generation = JSON.parse(readFileSync(generationPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(generationPath, JSON.stringify({ ...generation, eos_token_id: eos }));
  model = await CaptionModel.load(dir, { threads: 1 });
});
afterAll(async () => {
  await model?.release();
});

describe('beamSearch', () => {
  for (const numBeams of [1, 3, 5]) {
    it(`equals the naive no-cache reference for ${numBeams} beams: n-best tokens and scores`, async () => {
      const images = [1, 2, 3, 4, 5, 6].map((seed) => randomImage(seed));
      const states = await model.encodeImages(images);
      let endedWithEos = 0;
      for (let i = 0; i < images.length; i++) {
        const row = tensorRow(states, i);
        const ours = await beamSearch(model, row, {
          numBeams,
          maxLength: MAX_LENGTH,
          minLength: 0,
          lengthPenalty: 1,
          earlyStopping: false,
          noRepeatNgramSize: 0,
        });
        const reference = await naiveBeamSearch(model, row, {
          numBeams,
          maxLength: MAX_LENGTH,
          lengthPenalty: 1,
        });
        expect(ours.map((h) => h.tokens)).toEqual(reference.map((h) => h.tokens));
        for (const [j, h] of ours.entries())
          expect(h.score).toBeCloseTo(reference[j]?.score ?? Number.NaN, 4);
        endedWithEos += ours.filter((h) => model.dir.eosIds.has(h.tokens.at(-1) ?? -1)).length;
      }
      if (numBeams > 1) expect(endedWithEos).toBeGreaterThan(0);
    });
  }

  it('with one beam gives the greedy tokens', async () => {
    const states = await model.encodeImages([randomImage(7), randomImage(8)]);
    const greedy = await greedyDecode(model, states, { maxLength: MAX_LENGTH, minLength: 0 });
    for (let i = 0; i < 2; i++) {
      const [best] = await beamSearch(model, tensorRow(states, i), {
        numBeams: 1,
        maxLength: MAX_LENGTH,
        minLength: 0,
        lengthPenalty: 1,
        earlyStopping: false,
        noRepeatNgramSize: 0,
      });
      expect(best?.tokens).toEqual(greedy[i]?.tokens);
    }
  });

  it('honours min length and no-repeat n-grams', async () => {
    const [states] = [await model.encodeImages([randomImage(9)])];
    const [best] = await beamSearch(model, states, {
      numBeams: 3,
      maxLength: MAX_LENGTH,
      minLength: 6,
      lengthPenalty: 1,
      earlyStopping: false,
      noRepeatNgramSize: 1,
    });
    const tokens = best?.tokens ?? [];
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    const words = tokens.filter((t) => !model.dir.eosIds.has(t));
    expect(new Set(words).size).toBe(words.length);
  });
});
