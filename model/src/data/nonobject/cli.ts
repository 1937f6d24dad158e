/**
 * `npx tsx model/src/data/nonobject/cli.ts --out data/nonobject --splits train-nonobject,val-nonobject,test-nonobject
 *  --count N [--seed 1] [--size 128] [--tabs 2]`: screenshots of generated pages whose right caption names no
 * object. Without --size images keep their aspect at 256 px on the long side; --size 128 squashes them square
 * for training, as the service squashes an upload.
 */
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { PageShooter } from './browser.ts';
import { writeNonObjectDatasetFiles } from './dataset-files.ts';
import { isNonObjectSplitName, NONOBJECT_SPLIT_NAMES, type NonObjectSplitName } from './splits.ts';
import { generateNonObjectSplit } from './split-writer.ts';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

function splitList(value: string): NonObjectSplitName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!isNonObjectSplitName(name))
      throw new InvalidArgumentError(`unknown split "${name}" (${NONOBJECT_SPLIT_NAMES.join(', ')})`);
  }
  return names as NonObjectSplitName[];
}

const options = new Command('nonobject')
  .description('generate screenshots of generated pages (documents, code, charts, forms, ...) with captions')
  .option('--out <dir>', 'output folder', 'data/nonobject')
  .option('--splits <list>', 'comma-separated splits', splitList, [...NONOBJECT_SPLIT_NAMES])
  .requiredOption('--count <n>', 'images per split', positiveInt)
  .option('--seed <n>', 'random seed', integer, 1)
  .option('--size <px>', 'square side to squash to (default: keep aspect, long side 256)', positiveInt)
  .option('--tabs <n>', 'browser tabs rendering at once', positiveInt, 2)
  .parse()
  .opts<{
    out: string;
    splits: NonObjectSplitName[];
    count: number;
    seed: number;
    size?: number;
    tabs: number;
  }>();

writeNonObjectDatasetFiles(options.out);
const shooter = await PageShooter.launch(options.tabs);
try {
  for (const split of options.splits) {
    const bar = new SingleBar({
      format: `${split.padEnd(16)} [{bar}] {value}/{total} images | {eta_formatted} left | {speed} img/s`,
      hideCursor: true,
    });
    const started = performance.now();
    let done = 0;
    bar.start(options.count, 0, { speed: '-' });
    const result = await generateNonObjectSplit({
      outDir: options.out,
      split,
      count: options.count,
      size: options.size ?? null,
      seed: options.seed,
      shooter,
      inFlight: options.tabs + 1,
      onImage: () => {
        done += 1;
        bar.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(1) });
      },
    });
    bar.stop();
    if (result.skipped) console.log(`${split}: already generated with these parameters, skipped`);
    else {
      const rate = options.count / result.seconds;
      console.log(
        `${split}: ${options.count} images in ${result.seconds.toFixed(1)} s (${rate.toFixed(2)} images/s)`,
      );
    }
  }
} finally {
  await shooter.close();
}
console.log(`screenshots in ${options.out}`);
