import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captionFiles } from '@captioner/gpu-worker/caption-files.ts';
import { definedGates, type GateOptions } from '@captioner/gpu-worker/engine/engine.ts';
import type { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import {
  type CaptionScores,
  type GroundedScores,
  type ImageId,
  parseClasses,
  parseCocoCaptions,
  parseScenes,
  scoreCaptions,
  scoreGrounded,
} from './metrics/index.ts';
import type { SplitFiles } from './split-files.ts';

export interface SplitScores {
  coco: CaptionScores;
  grounded: GroundedScores;
}

export interface SplitEvaluation extends SplitScores {
  split: string;
  images: number;
  results: { image_id: ImageId; caption: string }[];
}

interface CocoImages {
  images: { id: ImageId; file_name: string }[];
}

/** Both metric families for one caption per image. */
export function scoreSplit(files: SplitFiles, results: ReadonlyMap<ImageId, string>): SplitScores {
  const refs = parseCocoCaptions(JSON.parse(readFileSync(files.captionsPath, 'utf8')), files.captionsPath);
  const scenes = parseScenes(JSON.parse(readFileSync(files.scenesPath, 'utf8')), files.scenesPath);
  const classes = parseClasses(JSON.parse(readFileSync(files.classesPath, 'utf8')), files.classesPath);
  return { coco: scoreCaptions(refs, results), grounded: scoreGrounded(results, scenes, classes) };
}

/** The first `count` images of the split by id, in id order. */
export function splitImages(files: SplitFiles, count: number): { id: ImageId; path: string }[] {
  const coco = JSON.parse(readFileSync(files.captionsPath, 'utf8')) as CocoImages;
  return [...coco.images]
    .sort((a, b) => a.id - b.id)
    .slice(0, count)
    .map((image) => ({ id: image.id, path: join(files.imagesDir, image.file_name) }));
}

/** Captions the first `count` images of a split with `model` and scores them. */
export async function evaluateSplit(
  model: CaptionModel,
  files: SplitFiles,
  count: number,
  beams: number,
  onProgress?: (done: number) => void,
  gates: GateOptions = {},
): Promise<SplitEvaluation> {
  const images = splitImages(files, count);
  const captions = await captionFiles(
    model,
    images.map((image) => image.path),
    { beams, alternatives: 1, onProgress, ...definedGates(gates) },
  );
  const results = images.map((image, i) => ({ image_id: image.id, caption: captions[i]?.caption ?? '' }));
  const scores = scoreSplit(files, new Map(results.map((r) => [r.image_id, r.caption])));
  return { split: files.split, images: images.length, results, ...scores };
}
