/**
 * `npm run eval -- --split NAME [--count N] [--json] [--model DIR] [--baseline]`: captions the first N images of
 * a split with a model directory and prints the COCO caption metrics and the grounded metrics.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@captioner/gpu-worker/cli/default-model.ts';
import { onOff, positiveInt, probability } from '@captioner/gpu-worker/cli/options.ts';
import { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { mostFrequentCaption } from './baseline.ts';
import { evaluateSplit, scoreSplit, splitImages } from './evaluate-split.ts';
import { formatScores } from './format-scores.ts';
import { ensureSplit, splitFiles } from './split-files.ts';

const opts = new Command('eval')
  .description('caption a split of the scene data set and score it')
  .requiredOption('--split <name>', 'train, val, test-style, test-comp (or any split folder under --data)')
  .option('--count <n>', 'images to evaluate (the first N by id)', positiveInt, 1000)
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--beams <n>', 'beam size (1 = greedy)', positiveInt, 1)
  .option(
    '--presence-threshold <p>',
    "object gate threshold, 0 = off (default: the model's object_gate.json)",
    probability,
  )
  .option(
    '--count-gate <on|off>',
    "count gate: pair count words with the model's count head (default: the model's)",
    onOff,
  )
  .option('--data <dir>', 'scene data set folder', 'data/scenes')
  .option('--baseline', 'also score the trivial baseline: the most frequent training caption for every image')
  .option('--results <file>', 'write the generated captions as a COCO results file')
  .option('--json', 'print the scores as JSON')
  .parse()
  .opts<{
    split: string;
    count: number;
    model: string;
    beams: number;
    presenceThreshold?: number;
    countGate?: boolean;
    data: string;
    baseline?: boolean;
    results?: string;
    json?: boolean;
  }>();

function progressBar(label: string, total: number): SingleBar {
  const bar = new SingleBar(
    { format: `${label.padEnd(12)} [{bar}] {value}/{total} | {eta_formatted} left`, hideCursor: true },
    undefined,
  );
  bar.start(total, 0);
  return bar;
}

const generating = progressBar(`data ${opts.split}`, Math.max(opts.count, 1000));
const files = await ensureSplit(opts.data, opts.split, opts.count, (n) => generating.increment(n));
generating.stop();

const model = await CaptionModel.load(opts.model);
const total = Math.min(opts.count, splitImages(files, opts.count).length);
const captioning = progressBar('captioning', total);
const started = performance.now();
const evaluation = await evaluateSplit(
  model,
  files,
  opts.count,
  opts.beams,
  (done) => captioning.update(done),
  opts,
);
captioning.stop();
const seconds = (performance.now() - started) / 1000;
await model.release();

const report: Record<string, unknown> = {
  model: model.dir.name,
  split: evaluation.split,
  images: evaluation.images,
  decoding: opts.beams === 1 ? 'greedy' : `beam search, ${opts.beams} beams`,
  object_gate:
    model.objectGate === undefined
      ? 'none'
      : `threshold ${opts.presenceThreshold ?? model.objectGate.defaultThreshold}`,
  count_gate:
    model.objectGate?.counting === undefined
      ? 'none'
      : (opts.countGate ?? model.objectGate.countGateDefault)
        ? 'on'
        : 'off',
  seconds: Number(seconds.toFixed(2)),
  ...evaluation.coco,
  ...evaluation.grounded,
};

if (opts.baseline) {
  const trainCaptions = splitFiles(opts.data, 'train').captionsPath;
  if (!existsSync(trainCaptions))
    throw new Error(`--baseline needs the train split's captions: ${trainCaptions}`);
  const caption = mostFrequentCaption(trainCaptions);
  const constant = new Map(evaluation.results.map((r) => [r.image_id, caption]));
  const scores = scoreSplit(files, constant);
  report.baseline = { caption, ...scores.coco, ...scores.grounded };
}

if (opts.results) {
  mkdirSync(dirname(opts.results), { recursive: true });
  writeFileSync(opts.results, `${JSON.stringify(evaluation.results)}\n`);
}

process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatScores(report));
