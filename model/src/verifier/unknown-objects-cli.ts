/**
 * `npx tsx model/src/verifier/unknown-objects-cli.ts [--out data/unknown] [--splits train-unknown,val-unknown]
 * [--count 1000] [--data data/scenes]`: unknown-object outlier splits for `npm run fit:verifier --outliers`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { Command, InvalidArgumentError } from 'commander';
import { parseClasses } from '../eval/metrics/index.ts';
import { UNKNOWN_SPLITS, type UnknownSplit, writeUnknownSplit } from './unknown-objects.ts';

function splitList(value: string): UnknownSplit[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names)
    if (!(name in UNKNOWN_SPLITS))
      throw new InvalidArgumentError(`unknown split "${name}" (${Object.keys(UNKNOWN_SPLITS).join(', ')})`);
  return names as UnknownSplit[];
}

const opts = new Command('unknown-objects')
  .option('--out <dir>', 'output folder', 'data/unknown')
  .option('--splits <list>', 'comma-separated splits', splitList, ['train-unknown', 'val-unknown'])
  .option('--count <n>', 'images per split', positiveInt, 1000)
  .option('--size <px>', 'image side', positiveInt, 128)
  .option('--seed <n>', 'random seed', positiveInt, 1)
  .option('--data <dir>', "scene data folder whose classes.json lists the model's classes", 'data/scenes')
  .parse()
  .opts<{ out: string; splits: UnknownSplit[]; count: number; size: number; seed: number; data: string }>();

const classesPath = join(opts.data, 'classes.json');
const known = parseClasses(JSON.parse(readFileSync(classesPath, 'utf8')), classesPath);
for (const split of opts.splits) {
  const n = await writeUnknownSplit({ ...opts, outDir: opts.out, split, known });
  process.stdout.write(`${split}: ${n} images in ${join(opts.out, split)}\n`);
}
