/**
 * `npx tsx model/src/verifier/degraded-cli.ts [--data data/scenes] [--split val] [--count 1000] [--out data/degraded]`:
 * degraded copies of a scene split (`<split>-degraded`) for `npm run fit:verifier --outliers`. Refuses test splits:
 * their copies would leak the test images into the fit.
 */
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { Command } from 'commander';
import { ensureSplit } from '../eval/split-files.ts';
import { writeDegradedCopies } from './degraded-copies.ts';

const opts = new Command('degraded')
  .option('--data <dir>', 'scene data set folder', 'data/scenes')
  .option('--split <name>', 'scene split to copy (train or val)', 'val')
  .option('--count <n>', 'images (the first N by id)', positiveInt, 1000)
  .option('--seed <n>', 'random seed', positiveInt, 1)
  .option('--out <dir>', 'output folder', 'data/degraded')
  .parse()
  .opts<{ data: string; split: string; count: number; seed: number; out: string }>();

if (/^test/.test(opts.split)) throw new Error(`${opts.split}: copies of test images must not be fitted on`);
const source = await ensureSplit(opts.data, opts.split, opts.count);
const n = await writeDegradedCopies(source, opts.out, opts.count, opts.seed);
process.stdout.write(`${opts.split}-degraded: ${n} images in ${opts.out}/${opts.split}-degraded\n`);
