/**
 * `npm run data -- [--out data/scenes] [--splits train,val,test-style,test-comp] [--count N |
 * --train-count N --eval-count N] [--size 128] [--seed 1] [--workers 2]`
 */
import { availableParallelism } from 'node:os';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { writeDatasetFiles } from './dataset-files.ts';
import { generateSplit } from './generate.ts';
import { isSplitName, SPLIT_NAMES, type SplitName } from './splits.ts';

/** Below this many images a worker's start-up (loading sprites) costs more than it saves. */
const MIN_IMAGES_FOR_WORKERS = 2000;

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

function splitList(value: string): SplitName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!isSplitName(name))
      throw new InvalidArgumentError(`unknown split "${name}" (${SPLIT_NAMES.join(', ')})`);
  }
  return names as SplitName[];
}

const options = new Command('data')
  .description('generate the synthetic scene-caption data set')
  .option('--out <dir>', 'output folder', 'data/scenes')
  .option('--splits <list>', 'comma-separated splits', splitList, [...SPLIT_NAMES])
  .option('--count <n>', 'images in every split (overrides the two below)', positiveInt)
  .option('--train-count <n>', 'images in train', positiveInt, 60_000)
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
  .parse()
  .opts<{
    out: string;
    splits: SplitName[];
    count?: number;
    trainCount: number;
    evalCount: number;
    size: number;
    seed: number;
    workers: number;
    sprites: string;
  }>();

if (options.size < 64) throw new InvalidArgumentError('--size below 64 px makes objects unrecognisable');
writeDatasetFiles(options.out);
for (const split of options.splits) {
  const count = options.count ?? (split === 'train' ? options.trainCount : options.evalCount);
  const bar = new SingleBar({
    format: `${split.padEnd(10)} [{bar}] {value}/{total} images | {eta_formatted} left | {speed} img/s`,
    hideCursor: true,
  });
  const started = performance.now();
  let done = 0;
  bar.start(count, 0, { speed: '-' });
  const result = await generateSplit({
    outDir: options.out,
    split,
    count,
    size: options.size,
    seed: options.seed,
    spritesDir: options.sprites,
    workers: count >= MIN_IMAGES_FOR_WORKERS ? options.workers : 1,
    onImages: (images) => {
      done += images;
      const speed = done / ((performance.now() - started) / 1000);
      bar.update(done, { speed: speed.toFixed(0) });
    },
  });
  bar.stop();
  if (result.skipped) {
    console.log(`${split}: already generated with these parameters, skipped`);
  } else {
    const rate = count / result.seconds;
    console.log(`${split}: ${count} images in ${result.seconds.toFixed(1)} s (${rate.toFixed(0)} images/s)`);
  }
}
console.log(`scenes in ${options.out}`);
