/**
 * Captions of a split as the service answers them (beam size from the model's generation_config, its gates,
 * its verifier), each labelled right or wrong for alt text: what `npm run fit:verifier` fits on and
 * `npm run eval:confidence` measures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { captionFiles } from '@captioner/gpu-worker/caption-files.ts';
import type { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { splitImages } from '../evaluate-split.ts';
import {
  buildClassLexicon,
  type ImageId,
  isRightForAltText,
  parseClasses,
  parseScenes,
} from '../metrics/index.ts';
import { ensureSplit, type SplitFiles, splitFiles } from '../split-files.ts';

/** A split folder to caption: a scene split under the data folder, or an outlier folder in the same layout. */
export interface SplitSource {
  name: string;
  files: SplitFiles;
  /** Scene splits the generator can make are generated when missing; outlier folders must exist. */
  generated: boolean;
}

export function sceneSplit(dataDir: string, name: string): SplitSource {
  return { name, files: splitFiles(dataDir, name), generated: true };
}

/**
 * A folder of non-object or unknown-object images in the split layout (`<dir>/images`, `captions_<name>.json`,
 * `scenes_<name>.json`, with `objects: []` or objects of classes the model does not know), named by its folder.
 * Its captions are read with the data folder's classes, the words the model can say.
 */
export function outlierSplit(dir: string, dataDir: string): SplitSource {
  const name = basename(dir.replace(/\/+$/, ''));
  return {
    name,
    files: {
      ...splitFiles(dirname(dir.replace(/\/+$/, '')), name),
      classesPath: join(dataDir, 'classes.json'),
    },
    generated: false,
  };
}

/**
 * Refuses what a verifier must never be fitted on: test splits (they measure it) and anything from Tux Paint
 * (reserved for an independent evaluation, issue 13).
 */
export function refuseForFitting(source: SplitSource): void {
  if (/^test/i.test(source.name)) {
    throw new Error(`${source.name}: test splits measure the verifier; fit on train or val splits only`);
  }
  const scenes = existsSync(source.files.scenesPath) ? readFileSync(source.files.scenesPath, 'utf8') : '';
  if (/tux\s*paint|tuxpaint/i.test(scenes) || /tux\s*paint|tuxpaint/i.test(source.files.imagesDir)) {
    throw new Error(
      `${source.name}: holds Tux Paint images, which are reserved for an independent evaluation`,
    );
  }
}

export interface LabelledCaption {
  imageId: ImageId;
  caption: string;
  confidence: number;
  reliability: number | null;
  features: number[];
  right: boolean;
}

async function ready(source: SplitSource, dataDir: string, count: number): Promise<SplitFiles> {
  if (source.generated) return ensureSplit(dataDir, source.name, count);
  for (const path of [source.files.captionsPath, source.files.scenesPath, source.files.classesPath]) {
    if (!existsSync(path)) throw new Error(`${source.name}: ${path} is missing`);
  }
  return source.files;
}

/** Captions the first `count` images of the split as served and labels each. */
export async function labelledCaptions(
  model: CaptionModel,
  source: SplitSource,
  dataDir: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<LabelledCaption[]> {
  const files = await ready(source, dataDir, count);
  const images = splitImages(files, count);
  const results = await captionFiles(
    model,
    images.map((image) => image.path),
    { beams: model.dir.generation.num_beams, alternatives: 1, onProgress },
  );
  const scenes = parseScenes(JSON.parse(readFileSync(files.scenesPath, 'utf8')), files.scenesPath);
  const lexicon = buildClassLexicon(
    parseClasses(JSON.parse(readFileSync(files.classesPath, 'utf8')), files.classesPath),
  );
  return images.map((image, i) => {
    const result = results[i];
    const scene = scenes.get(image.id);
    if (!result || !scene) throw new Error(`${source.name}: image ${image.id} has no caption or no scene`);
    return {
      imageId: image.id,
      caption: result.caption,
      confidence: result.confidence,
      reliability: result.reliability,
      features: result.features,
      right: isRightForAltText(result.caption, scene, lexicon),
    };
  });
}
