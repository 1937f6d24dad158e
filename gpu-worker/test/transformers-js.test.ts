// The shipped model directory, read by transformers.js's image-to-text pipeline (an independent implementation of
// the Hugging Face layout: its own preprocessing, generation loop and tokenizer) and by our engine: greedy captions
// must be word for word the same. The sample images are at the model's input size, so neither side resizes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RgbImage } from '@captioner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersCaptioner, type TransformersCaptioner } from '../bench/transformers-js.ts';
import { DEFAULT_MODEL_DIR } from '../src/cli/default-model.ts';
import { createEngine } from '../src/engine/engine.ts';
import type { CaptionEngine } from '../src/engine/types.ts';
import { loadImage } from '../src/image/load-image.ts';
import { CaptionModel } from '../src/model/caption-model.ts';

let model: CaptionModel;
let engine: CaptionEngine;
let reference: TransformersCaptioner;
let images: { file: string; image: RgbImage }[];

beforeAll(async () => {
  model = await CaptionModel.load(DEFAULT_MODEL_DIR, { threads: 1 });
  // The object and count gates are this project's extras, unknown to transformers.js: compare the model itself, gates off.
  engine = createEngine(model, { presenceThreshold: 0, countGate: false });
  reference = await loadTransformersCaptioner(DEFAULT_MODEL_DIR, engine.model.maxWords);
  const samples = join(DEFAULT_MODEL_DIR, 'samples');
  images = await Promise.all(
    readdirSync(samples)
      .sort()
      .map(async (file) => ({ file, image: await loadImage(join(samples, file)) })),
  );
});
afterAll(async () => {
  await reference?.dispose();
  await engine?.close(0);
  await model?.release();
});

describe('transformers.js image-to-text on the shipped model', () => {
  it('loads the directory as shipped and gives our engine’s greedy caption on every sample image', async () => {
    expect(images.length).toBe(14); // the card's samples: 4 test-comp, 4 test-style, 2 each of test-real, test-clipart, test-nonobject
    for (const { image } of images) expect([image.width, image.height]).toEqual([128, 128]);
    const options = { beams: 1, maxWords: engine.model.maxWords, alternatives: 1, attention: false };
    const ours: string[] = [];
    const theirs: string[] = [];
    for (const { image } of images) {
      ours.push((await engine.caption({ image, options })).caption);
      theirs.push(await reference.caption(image));
    }
    expect(theirs).toEqual(ours);
    // Real captions, not two empty strings agreeing.
    for (const caption of ours) expect(caption.split(' ').length).toBeGreaterThanOrEqual(2);
  });
});
