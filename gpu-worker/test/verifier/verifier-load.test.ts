// verifier.json in a model directory: a good file gives every caption a reliability computed from its features, a
// missing one gives null, and a bad one refuses to load with ModelLoadError, as object_gate.json does.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import type { CaptionResult } from '../../src/engine/types.ts';
import { CaptionModel } from '../../src/model/caption-model.ts';
import { ModelLoadError } from '../../src/model/model-directory.ts';
import { FEATURE_NAMES, FEATURE_SET } from '../../src/verifier/caption-features.ts';
import { VERIFIER_FORMAT, type VerifierFile } from '../../src/verifier/verifier-file.ts';
import { exportTinyModel, randomImage } from '../tiny-model.ts';

let tiny: string;
beforeAll(() => {
  tiny = exportTinyModel();
});

function modelWith(verifier: unknown, { withoutHeads = false } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-'));
  cpSync(tiny, dir, { recursive: true });
  if (withoutHeads) rmSync(join(dir, 'onnx/object_presence_model.onnx'));
  if (verifier !== undefined)
    writeFileSync(
      join(dir, 'verifier.json'),
      typeof verifier === 'string' ? verifier : JSON.stringify(verifier),
    );
  return dir;
}

/** A verifier on two features: the mean token log-probability and the presence head's highest probability. */
const GOOD: VerifierFile = {
  format: VERIFIER_FORMAT,
  feature_set: FEATURE_SET,
  features: [
    { name: 'presence_max', mean: 0.5, std: 0.25, weight: -1.5 },
    { name: 'token_logprob_mean', mean: -1, std: 0.5, weight: 2 },
  ],
  bias: 0.3,
  temperature: 2,
  threshold: { value: 0.55, target_precision: 0.9, precision: 0.91, described: 0.6, splits: ['val'] },
  fit: { model: 'model', date: '2026-12-04', splits: [{ name: 'val', images: 10, right: 7 }] },
};

async function captionOnce(dir: string): Promise<{ model: CaptionModel; result: CaptionResult }> {
  const model = await CaptionModel.load(dir, { threads: 1 });
  const engine = createEngine(model);
  try {
    const result = await engine.caption({
      image: randomImage(3),
      options: { beams: 3, maxWords: 8, alternatives: 1, attention: false },
    });
    return { model, result };
  } finally {
    await engine.close(0);
  }
}

describe('verifier.json', () => {
  it('gives reliability = sigmoid((bias + sum of weight × standardised feature) / temperature)', async () => {
    const { model, result } = await captionOnce(modelWith(GOOD));
    try {
      expect(model.verifier?.threshold).toBe(0.55);
      const x = (name: string) => result.features[FEATURE_NAMES.indexOf(name as never)] ?? Number.NaN;
      const logit =
        0.3 - (1.5 * (x('presence_max') - 0.5)) / 0.25 + (2 * (x('token_logprob_mean') + 1)) / 0.5;
      expect(result.reliability).toBeCloseTo(1 / (1 + Math.exp(-logit / 2)), 12);
      expect(result.reliability).not.toBe(result.confidence);
    } finally {
      await model.release();
    }
  });

  it('a model without one answers reliability null and keeps its confidence', async () => {
    const { model, result } = await captionOnce(modelWith(undefined));
    try {
      expect(model.verifier).toBeUndefined();
      expect(result.reliability).toBeNull();
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.features).toHaveLength(FEATURE_NAMES.length);
    } finally {
      await model.release();
    }
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{"format": ', /verifier\.json: not valid JSON/],
    ['another format', { ...GOOD, format: 'caption-verifier/2' }, /format/],
    [
      'an unknown feature',
      { ...GOOD, features: [{ name: 'attention_entropy', mean: 0, std: 1, weight: 1 }] },
      /features\.0\.name/,
    ],
    [
      'a feature twice',
      { ...GOOD, features: [GOOD.features[1], GOOD.features[1]] },
      /feature names must not repeat/,
    ],
    [
      'a zero standard deviation',
      { ...GOOD, features: [{ name: 'caption_tokens', mean: 3, std: 0, weight: 1 }] },
      /features\.0\.std: must be positive/,
    ],
    ['no bias', { ...GOOD, bias: undefined }, /bias/],
    ['a negative temperature', { ...GOOD, temperature: -1 }, /temperature/],
  ];
  for (const [what, file, message] of bad) {
    it(`refuses ${what} with ModelLoadError`, async () => {
      const load = CaptionModel.load(modelWith(file), { threads: 1 });
      await expect(load).rejects.toThrow(ModelLoadError);
      await expect(load).rejects.toThrow(message);
    });
  }

  it('refuses presence features on a model without the presence head', async () => {
    const load = CaptionModel.load(modelWith(GOOD, { withoutHeads: true }), { threads: 1 });
    await expect(load).rejects.toThrow(ModelLoadError);
    await expect(load).rejects.toThrow(/uses presence_max, but the model has no object presence/);
    // Without head features the same model loads, and its captions get a reliability.
    const plain = { ...GOOD, features: GOOD.features.slice(1) };
    const { model, result } = await captionOnce(modelWith(plain, { withoutHeads: true }));
    try {
      expect(result.reliability).toBeGreaterThan(0);
      expect(result.features[FEATURE_NAMES.indexOf('presence_max')]).toBe(0);
    } finally {
      await model.release();
    }
  });
});
