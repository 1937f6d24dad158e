/**
 * `npm run eval:confidence`: what a confidence threshold buys an alt-text writer. Captions a split (as served:
 * beams and the model's object gate), then for each threshold reports the share of images that would get alt text
 * and, among those, how many captions name an object that is not in the picture (CHAIR-s) and how many objects
 * they name (recall). The alt-text plugin writes nothing below its threshold; this is how to choose one.
 */
import { readFileSync } from 'node:fs';
import { captionFiles } from '@captioner/gpu-worker/caption-files.ts';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { DEFAULT_MODEL_DIR } from '@captioner/gpu-worker/cli/default-model.ts';
import { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { Command } from 'commander';
import { splitImages } from './evaluate-split.ts';
import { type ImageId, parseClasses, parseScenes, scoreGrounded } from './metrics/index.ts';
import { ensureSplit } from './split-files.ts';

const opts = new Command('eval:confidence')
  .option('--split <name>', 'val, test-comp or test-style', 'test-comp')
  .option('--count <n>', 'images (the first N by id)', positiveInt, 1000)
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--beams <n>', 'beam size', positiveInt, 3)
  .option('--data <dir>', 'scene data set folder', 'data/scenes')
  .option('--thresholds <list>', 'comma-separated thresholds', '0,0.3,0.4,0.5,0.6,0.7')
  .parse()
  .opts<{ split: string; count: number; model: string; beams: number; data: string; thresholds: string }>();

const files = await ensureSplit(opts.data, opts.split, opts.count);
const images = splitImages(files, opts.count);
const model = await CaptionModel.load(opts.model);
const captions = await captionFiles(
  model,
  images.map((image) => image.path),
  { beams: opts.beams, alternatives: 1 },
);
await model.release();
const scenes = parseScenes(JSON.parse(readFileSync(files.scenesPath, 'utf8')), files.scenesPath);
const classes = parseClasses(JSON.parse(readFileSync(files.classesPath, 'utf8')), files.classesPath);

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);
process.stdout.write(
  `${model.dir.name}, ${opts.split}, ${images.length} images, beams ${opts.beams}\n` +
    '| confidence ≥ | images with alt text | captions naming an absent object (CHAIR-s) | object recall |\n' +
    '| --- | --- | --- | --- |\n',
);
for (const threshold of opts.thresholds.split(',').map(Number)) {
  const kept = new Map<ImageId, string>();
  images.forEach((image, i) => {
    const result = captions[i];
    if (result && result.confidence >= threshold) kept.set(image.id, result.caption);
  });
  const scores = scoreGrounded(kept, scenes, classes);
  process.stdout.write(
    `| ${threshold} | ${pct(kept.size / images.length)} | ${pct(scores.chairS)} | ${pct(scores.objectRecall)} |\n`,
  );
}
