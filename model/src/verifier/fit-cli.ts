/**
 * `npm run fit:verifier -- --model DIR --data data/scenes --splits val[,...] [--outliers DIR...] [--count N]
 * [--l2 1] [--threshold-splits val,val-nonobject] [--out FILE]`: captions the splits as served, labels each caption right or wrong for alt text, fits
 * the verifier and writes it to the model directory's verifier.json (docs/architecture.md, Verifier). Refuses
 * test splits and Tux Paint images.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@captioner/gpu-worker/cli/default-model.ts';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { VERIFIER_FILE } from '@captioner/gpu-worker/verifier/verifier.ts';
import { Command, InvalidArgumentError } from 'commander';
import {
  type LabelledCaption,
  labelledCaptions,
  outlierSplit,
  refuseForFitting,
  sceneSplit,
} from '../eval/confidence/labelled-captions.ts';
import { fitVerifier } from './fit-verifier.ts';

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of at least 0');
  return n;
}

const opts = new Command('fit:verifier')
  .description("fit the model's verifier (verifier.json) on captions of training and validation splits")
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--data <dir>', 'scene data set folder (its classes.json reads every split)', 'data/scenes')
  .option('--splits <list>', 'comma-separated scene splits under --data', 'val')
  .option('--outliers <dirs...>', 'split folders of non-object or unknown-object images', [])
  .option('--count <n>', 'images per split (the first N by id)', positiveInt, 1000)
  .option('--l2 <lambda>', 'L2 penalty on the standardised weights', nonNegative, 1)
  .option(
    '--threshold-splits <list>',
    'fitted splits the alt-text default is chosen on (default: val and val-nonobject)',
  )
  .option('--out <file>', 'where to write (default: the model directory)')
  .parse()
  .opts<{
    model: string;
    data: string;
    splits: string;
    outliers: string[];
    count: number;
    l2: number;
    thresholdSplits?: string;
    out?: string;
  }>();

const sources = [
  ...opts.splits
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((name) => sceneSplit(opts.data, name)),
  ...opts.outliers.map((dir) => outlierSplit(dir, opts.data)),
];
if (sources.length === 0) throw new InvalidArgumentError('no splits to fit on');
for (const source of sources) refuseForFitting(source);

const model = await CaptionModel.load(opts.model);
const splits: { name: string; captions: LabelledCaption[] }[] = [];
for (const source of sources) {
  const started = performance.now();
  const captions = await labelledCaptions(model, source, opts.data, opts.count);
  splits.push({ name: source.name, captions });
  const right = captions.filter((c) => c.right).length;
  process.stderr.write(
    `${source.name}: ${captions.length} captions, ${right} right, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}
await model.release();

const file = fitVerifier({
  model: model.dir.name,
  splits,
  l2: opts.l2,
  ...(opts.thresholdSplits === undefined
    ? {}
    : { thresholdSplits: opts.thresholdSplits.split(',').map((s) => s.trim()) }),
  date: new Date().toISOString().slice(0, 10),
  provenance: {
    data: opts.data,
    beams: model.dir.generation.num_beams,
    command: `npm run fit:verifier -- ${process.argv.slice(2).join(' ')}`,
  },
});
const out = opts.out ?? join(opts.model, VERIFIER_FILE);
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
const t = file.threshold;
process.stdout.write(
  `wrote ${out}\n` +
    (t?.value === null || t === undefined
      ? `no threshold reaches precision ${t?.target_precision} on ${t?.splits.join(' + ')}\n`
      : `alt-text default threshold ${t.value}: precision ${t.precision?.toFixed(3)}, ${(100 * (t.described ?? 0)).toFixed(1)} % described on ${t.splits.join(' + ')}\n`),
);
