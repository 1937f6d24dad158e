import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamSearch } from '../../src/decode/beam-search.ts';
import { tensorRow } from '../../src/decode/kv-cache.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { CaptionEngine } from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { exportTinyPlainModel, randomImage } from '../tiny-model.ts';

// A model in the plain Optimum layout (as vit-gpt2 is exported) has no attention_mask: the engine may only batch
// requests at the same step, and must still give each request what it would get alone.
let model: CaptionModel;
let engine: CaptionEngine;

beforeAll(async () => {
  model = await CaptionModel.load(exportTinyPlainModel(), { threads: 1 });
  engine = createEngine(model, { maxBatchRows: 16 });
});
afterAll(async () => {
  await engine?.close(0);
  await model?.release();
});

describe('engine on a plain-layout model', () => {
  it('is recognised as having neither attention_mask nor cross-attention outputs', () => {
    expect(model.features.hasAttentionMask).toBe(false);
    expect(model.features.hasCrossAttentions).toBe(false);
    expect(model.hasCrossCache).toBe(false);
    expect(engine.model.supportsAttention).toBe(false);
  });

  it('serves staggered concurrent requests exactly as alone', async () => {
    const plan = [1, 2, 3, 4, 5].map((seed, i) => ({ seed, beams: [1, 3, 5][i % 3] ?? 1, delayMs: i * 3 }));
    const results = await Promise.all(
      plan.map(async ({ seed, beams, delayMs }) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return engine.caption({
          image: randomImage(seed),
          options: { beams, maxWords: 10, alternatives: beams, attention: false },
        });
      }),
    );
    for (const [i, { seed, beams }] of plan.entries()) {
      const states = await model.encodeImages([randomImage(seed)]);
      const { generation } = model.dir;
      const alone = await beamSearch(model, tensorRow(states, 0), {
        numBeams: beams,
        maxLength: 12,
        minLength: generation.min_length,
        lengthPenalty: generation.length_penalty,
        earlyStopping: generation.early_stopping,
        noRepeatNgramSize: generation.no_repeat_ngram_size,
      });
      expect(results[i]?.alternatives.map((a) => a.caption)).toEqual(
        alone.map((h) => model.dir.tokenizer.decode(h.tokens)),
      );
    }
  });

  it('refuses attention maps with attention_unsupported', async () => {
    await expect(
      engine.caption({
        image: randomImage(1),
        options: { beams: 1, maxWords: 5, alternatives: 1, attention: true },
      }),
    ).rejects.toMatchObject({ code: 'attention_unsupported' });
  });
});
