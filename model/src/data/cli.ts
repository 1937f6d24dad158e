/**
 * `npm run data -- [--out data/scenes] [--splits train,val,test-style,test-comp,train-real,...] [--count N |
 * --train-count N --real-train-count N --eval-count N] [--size 128] [--seed 1] [--workers 2] [--sources data/sources]`
 *
 * Emoji splits are drawn by the scene generator; real-world splits (real/) fetch and unpack their Debian packages
 * into --sources first, once; non-object splits (nonobject/) are Chromium screenshots of generated pages.
 */
import { availableParallelism } from 'node:os';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { writeDatasetFiles } from './dataset-files.ts';
import { generateSplit } from './generate.ts';
import { PageShooter } from './nonobject/browser.ts';
import { isNonObjectSplitName, NONOBJECT_SPLIT_NAMES, type NonObjectSplitName } from './nonobject/splits.ts';
import { generateNonObjectSplit } from './nonobject/split-writer.ts';
import { generateRealSplit, prepareRealData } from './real/generate-real.ts';
import type { InstancePlan } from './real/instance-plan.ts';
import { isRealSplitName, REAL_SPLIT_NAMES, type RealSplitName } from './real/real-splits.ts';
import { isSplitName, SPLIT_NAMES, type SplitName } from './splits.ts';

const ALL_SPLITS = [...SPLIT_NAMES, ...REAL_SPLIT_NAMES, ...NONOBJECT_SPLIT_NAMES];
type AnySplit = SplitName | RealSplitName | NonObjectSplitName;

/** Below this many images a worker's start-up (loading sprites) costs more than it saves. */
const MIN_IMAGES_FOR_WORKERS = 2000;

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

function splitList(value: string): AnySplit[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!isSplitName(name) && !isRealSplitName(name) && !isNonObjectSplitName(name))
      throw new InvalidArgumentError(`unknown split "${name}" (${ALL_SPLITS.join(', ')})`);
  }
  return names as AnySplit[];
}

const options = new Command('data')
  .description('generate the synthetic scene-caption data set')
  .option('--out <dir>', 'output folder', 'data/scenes')
  .option('--splits <list>', 'comma-separated splits', splitList, [...ALL_SPLITS])
  .option('--count <n>', 'images in every split (overrides the two below)', positiveInt)
  .option('--train-count <n>', 'images in train', positiveInt, 60_000)
  .option('--real-train-count <n>', 'images in train-real', positiveInt, 30_000)
  .option('--nonobject-train-count <n>', 'screenshots in train-nonobject', positiveInt, 3000)
  .option('--eval-count <n>', 'images in val, test-style and test-comp', positiveInt, 1000)
  .option('--size <px>', 'image side in pixels', positiveInt, 128)
  .option('--seed <n>', 'random seed', integer, 1)
  .option(
    '--workers <n>',
    'worker threads for large splits',
    positiveInt,
    Math.min(2, availableParallelism()),
  )
  .option('--sprites <dir>', 'sprite atlas cache', 'data/sprites')
  .option('--sources <dir>', 'real-world source packages, catalogue and picture cache', 'data/sources')
  .parse()
  .opts<{
    out: string;
    splits: AnySplit[];
    count?: number;
    trainCount: number;
    realTrainCount: number;
    nonobjectTrainCount: number;
    evalCount: number;
    size: number;
    seed: number;
    workers: number;
    sprites: string;
    sources: string;
  }>();

if (options.size < 64) throw new InvalidArgumentError('--size below 64 px makes objects unrecognisable');
writeDatasetFiles(options.out);
let realPlan: InstancePlan | undefined;
let shooter: PageShooter | undefined;
const TRAIN_COUNTS: Partial<Record<AnySplit, number>> = {
  train: options.trainCount,
  'train-real': options.realTrainCount,
  'train-nonobject': options.nonobjectTrainCount,
};
for (const split of options.splits) {
  const trainCount = TRAIN_COUNTS[split] ?? 0;
  const count = options.count ?? (trainCount || options.evalCount);
  const bar = new SingleBar({
    format: `${split.padEnd(15)} [{bar}] {value}/{total} images | {eta_formatted} left | {speed} img/s`,
    hideCursor: true,
  });
  const started = performance.now();
  let done = 0;
  bar.start(count, 0, { speed: '-' });
  const onImages = (images: number) => {
    done += images;
    const speed = done / ((performance.now() - started) / 1000);
    bar.update(done, { speed: speed.toFixed(0) });
  };
  let result: { skipped: boolean; seconds: number };
  if (isNonObjectSplitName(split)) {
    // Screenshots are scored with the folder's classes.json like every split: any object they name is absent.
    shooter ??= await PageShooter.launch(2);
    const shots = { outDir: options.out, split, count, size: options.size, seed: options.seed, shooter };
    result = await generateNonObjectSplit({ ...shots, onImage: () => onImages(1) });
  } else if (isRealSplitName(split)) {
    realPlan ??= await prepareRealData(options.out, options.sources);
    const real = { outDir: options.out, split, count, size: options.size, seed: options.seed };
    result = await generateRealSplit({ ...real, sourcesDir: options.sources, onImages }, realPlan);
  } else {
    result = await generateSplit({
      outDir: options.out,
      split,
      count,
      size: options.size,
      seed: options.seed,
      spritesDir: options.sprites,
      workers: count >= MIN_IMAGES_FOR_WORKERS ? options.workers : 1,
      onImages,
    });
  }
  bar.stop();
  if (result.skipped) {
    console.log(`${split}: already generated with these parameters, skipped`);
  } else {
    const rate = count / result.seconds;
    console.log(`${split}: ${count} images in ${result.seconds.toFixed(1)} s (${rate.toFixed(0)} images/s)`);
  }
}
await shooter?.close();
console.log(`scenes in ${options.out}`);
