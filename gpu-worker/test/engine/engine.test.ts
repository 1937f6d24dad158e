import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamSearch } from '../../src/decode/beam-search.ts';
import { tensorRow } from '../../src/decode/kv-cache.ts';
import { createEngine } from '../../src/engine/engine.ts';
import {
  type CaptionEngine,
  type CaptionOptions,
  EngineError,
  type StreamedWord,
} from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';

let model: CaptionModel;
let engine: CaptionEngine;
const MAX_WORDS = 10;

beforeAll(async () => {
  model = await CaptionModel.load(exportTinyModel(), { threads: 1 });
  engine = createEngine(model, { maxQueue: 64, maxBatchRows: 24 });
});
afterAll(async () => {
  await engine?.close(0);
  await model?.release();
});

const options = (beams: number, extra: Partial<CaptionOptions> = {}): CaptionOptions => ({
  beams,
  maxWords: MAX_WORDS,
  alternatives: beams,
  attention: false,
  ...extra,
});

async function alone(seed: number, beams: number) {
  const states = await model.encodeImages([randomImage(seed)]);
  const { generation } = model.dir;
  return beamSearch(model, tensorRow(states, 0), {
    numBeams: beams,
    maxLength: MAX_WORDS + 2,
    minLength: generation.min_length,
    lengthPenalty: generation.length_penalty,
    earlyStopping: generation.early_stopping,
    noRepeatNgramSize: generation.no_repeat_ngram_size,
  });
}

describe('continuous batching engine', () => {
  it('uses the cross-attention cache graphs the export ships (compared below with the standard decoder)', () => {
    expect(model.hasCrossCache).toBe(true);
  });

  it('gives every request what it would get alone, with requests joining mid-flight', async () => {
    const plan = [
      { seed: 1, beams: 1, delayMs: 0 },
      { seed: 2, beams: 3, delayMs: 0 },
      { seed: 3, beams: 5, delayMs: 2 },
      { seed: 4, beams: 3, delayMs: 5 },
      { seed: 5, beams: 1, delayMs: 8 },
      { seed: 6, beams: 5, delayMs: 12 },
      { seed: 7, beams: 8, delayMs: 1 },
    ];
    const results = await Promise.all(
      plan.map(async ({ seed, beams, delayMs }) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return engine.caption({ image: randomImage(seed), options: options(beams) });
      }),
    );
    for (const [i, { seed, beams }] of plan.entries()) {
      const expected = await alone(seed, beams);
      const got = results[i];
      expect(got?.alternatives.map((a) => a.caption)).toEqual(
        expected.map((h) => model.dir.tokenizer.decode(h.tokens)),
      );
      for (const [j, a] of (got?.alternatives ?? []).entries())
        expect(a.score).toBeCloseTo(expected[j]?.score ?? 0, 4);
      expect(got?.caption).toBe(got?.alternatives[0]?.caption);
      expect(got?.confidence).toBeGreaterThan(0);
      expect(got?.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('streams words in order, each once, and their join is the final caption', async () => {
    for (const beams of [1, 3, 5]) {
      const words: StreamedWord[] = [];
      let resultSeen = false;
      const result = await engine.caption({
        image: randomImage(20 + beams),
        options: options(beams),
        onWord: (w) => {
          expect(resultSeen).toBe(false);
          words.push(w);
        },
      });
      resultSeen = true;
      expect(words.map((w) => w.index)).toEqual(words.map((_, i) => i));
      expect(words.map((w) => w.text).join(' ')).toBe(result.caption);
    }
  });

  it('returns one attention map per word over the patch grid, each summing to 1', async () => {
    const words: StreamedWord[] = [];
    const result = await engine.caption({
      image: randomImage(30),
      options: options(3, { attention: true }),
      onWord: (w) => words.push(w),
    });
    const cells = (result.attentionGrid?.rows ?? 0) * (result.attentionGrid?.cols ?? 0);
    expect(cells).toBe(16); // 32-px images, 8-px patches
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) {
      expect(w.attention).toHaveLength(cells);
      expect((w.attention ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  });

  it('cancels a request at once and keeps serving the others', async () => {
    const controller = new AbortController();
    const cancelled = engine.caption({
      image: randomImage(40),
      options: options(5),
      signal: controller.signal,
    });
    const other = engine.caption({ image: randomImage(41), options: options(3) });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    const result = await other;
    expect(result.caption).toBe(model.dir.tokenizer.decode((await alone(41, 3))[0]?.tokens ?? []));
    expect(engine.stats().activeRequests).toBe(0);
  });

  it('fails a request past its deadline with deadline_exceeded', async () => {
    await expect(
      engine.caption({ image: randomImage(42), options: options(3), deadline: Date.now() - 1 }),
    ).rejects.toMatchObject({ code: 'deadline_exceeded' });
  });

  it('refuses out-of-range options with invalid_options, naming the field', async () => {
    await expect(engine.caption({ image: randomImage(1), options: options(9) })).rejects.toThrow(
      /beams must be 1\.\.8/,
    );
    await expect(
      engine.caption({ image: randomImage(1), options: options(2, { alternatives: 3 }) }),
    ).rejects.toMatchObject({
      code: 'invalid_options',
    });
    await expect(
      engine.caption({ image: randomImage(1), options: options(2, { maxWords: 1000 }) }),
    ).rejects.toThrow(/max_words must be 1\.\./);
  });

  it('refuses new work with a retryable queue_full when the queue is full', async () => {
    const small = createEngine(model, { maxQueue: 2, maxBatchRows: 1 });
    const accepted = [1, 2, 3].map((seed) =>
      small.caption({ image: randomImage(seed), options: options(1) }),
    );
    const refused = await small
      .caption({ image: randomImage(4), options: options(1) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused).toMatchObject({ code: 'queue_full', retryable: true });
    await Promise.all(accepted);
    await small.close(0);
  });

  it('fails what is left with shutting_down when closed, and refuses new work', async () => {
    const closing = createEngine(model, { maxBatchRows: 1 });
    const pending = [1, 2, 3, 4].map((seed) =>
      closing.caption({ image: randomImage(seed), options: options(1) }).then(
        () => 'done',
        (e: EngineError) => e.code,
      ),
    );
    await closing.close(0);
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((o) => o === 'done' || o === 'shutting_down')).toBe(true);
    expect(outcomes).toContain('shutting_down');
    await expect(closing.caption({ image: randomImage(1), options: options(1) })).rejects.toMatchObject({
      code: 'shutting_down',
    });
  });
});
