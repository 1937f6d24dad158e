/**
 * `npm run eval:confidence -- [--splits val,test-style] [--outliers DIR...] [--count N] [--model DIR]`: how well
 * `reliability` (the model's verifier) and, for comparison, the old `confidence` tell right captions from wrong
 * ones, per split, captioned as served. Prints AUROC, expected calibration error (15 bins), and per threshold the
 * share of images the alt-text plugin would describe and the share of those whose caption is wrong; writes a
 * reliability diagram per split (PNG) and every number as JSON under --out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '@captioner/gpu-worker/cli/default-model.ts';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { Command } from 'commander';
import sharp from 'sharp';
import {
  type LabelledCaption,
  labelledCaptions,
  outlierSplit,
  type SplitSource,
  sceneSplit,
} from './confidence/labelled-captions.ts';
import {
  auroc,
  calibrationBins,
  expectedCalibrationError,
  type ScoredCaption,
} from './confidence/ranking-metrics.ts';
import { reliabilityDiagramSvg } from './confidence/reliability-diagram.ts';
import { outcomeAt, type ThresholdOutcome } from './confidence/thresholds.ts';

/** The plugin's threshold on confidence when the service returns no reliability (alt-text/src/core/settings.ts). */
const CONFIDENCE_DEFAULT = 0.4;

const opts = new Command('eval:confidence')
  .option('--splits <list>', 'comma-separated scene splits under --data', 'val,test-style')
  .option('--split <name>', 'one scene split (instead of --splits)')
  .option('--outliers <dirs...>', 'split folders of non-object or unknown-object images', [])
  .option('--count <n>', 'images per split (the first N by id)', positiveInt, 1000)
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--data <dir>', 'scene data set folder', 'data/scenes')
  .option('--thresholds <list>', 'comma-separated thresholds for the table', '0,0.3,0.4,0.5,0.6,0.7,0.8,0.9')
  .option('--out <dir>', 'reliability diagrams and report.json', 'artifacts/confidence')
  .parse()
  .opts<{
    splits: string;
    split?: string;
    outliers: string[];
    count: number;
    model: string;
    data: string;
    thresholds: string;
    out: string;
  }>();

const sources: SplitSource[] = [
  ...(opts.split ?? opts.splits)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((name) => sceneSplit(opts.data, name)),
  ...opts.outliers.map((dir) => outlierSplit(dir, opts.data)),
];

const model = await CaptionModel.load(opts.model);
const reliabilityDefault = model.verifier?.threshold ?? null;
const thresholds = [
  ...new Set([
    ...opts.thresholds.split(',').map(Number),
    ...(reliabilityDefault === null ? [] : [reliabilityDefault]),
  ]),
].sort((a, b) => a - b);

interface ScoreReport {
  auroc: number | null;
  ece: number | null;
  default: ThresholdOutcome | null;
  table: ThresholdOutcome[];
}

function scoreReport(scored: ScoredCaption[], defaultThreshold: number | null): ScoreReport {
  return {
    auroc: auroc(scored),
    ece: expectedCalibrationError(scored),
    default: defaultThreshold === null ? null : outcomeAt(scored, defaultThreshold),
    table: thresholds.map((t) => outcomeAt(scored, t)),
  };
}

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)} %`;
const num = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const wrong = (o: ThresholdOutcome | undefined): string =>
  pct(o?.precision === null || o === undefined ? null : 1 - o.precision);

mkdirSync(opts.out, { recursive: true });
const report: Record<string, unknown> = {
  model: model.dir.name,
  beams: model.dir.generation.num_beams,
  splits: {},
};
for (const source of sources) {
  const captions: LabelledCaption[] = await labelledCaptions(model, source, opts.data, opts.count);
  const byConfidence = captions.map((c) => ({ score: c.confidence, right: c.right }));
  const byReliability = model.verifier
    ? captions.map((c) => ({ score: c.reliability ?? 0, right: c.right }))
    : undefined;
  const confidence = scoreReport(byConfidence, CONFIDENCE_DEFAULT);
  const reliability = byReliability ? scoreReport(byReliability, reliabilityDefault) : undefined;
  const right = captions.filter((c) => c.right).length;
  (report.splits as Record<string, unknown>)[source.name] = {
    images: captions.length,
    right,
    reliability,
    confidence,
  };

  const lines = [
    `\n${model.dir.name}, ${source.name}: ${captions.length} images, beam ${model.dir.generation.num_beams}, ${pct(right / Math.max(1, captions.length))} of captions right`,
    '| score | AUROC | ECE (15 bins) | default threshold | images described | precision |',
    '| --- | --- | --- | --- | --- | --- |',
    ...(reliability
      ? [
          `| reliability | ${num(reliability.auroc)} | ${num(reliability.ece)} | ${reliabilityDefault ?? 'none'} | ${pct(reliability.default?.described)} | ${num(reliability.default?.precision)} |`,
        ]
      : ['| reliability | (the model has no verifier.json) | | | | |']),
    `| confidence | ${num(confidence.auroc)} | ${num(confidence.ece)} | ${CONFIDENCE_DEFAULT} | ${pct(confidence.default?.described)} | ${num(confidence.default?.precision)} |`,
    '',
    '| threshold | reliability ≥: images described | of those, wrong | confidence ≥: images described | of those, wrong |',
    '| --- | --- | --- | --- | --- |',
    ...thresholds.map((t, i) => {
      const r = reliability?.table[i];
      const c = confidence.table[i];
      return `| ${t} | ${pct(r?.described)} | ${wrong(r)} | ${pct(c?.described)} | ${wrong(c)} |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const panels = [
    ...(byReliability && reliability
      ? [
          {
            title: 'reliability',
            bins: calibrationBins(byReliability),
            ece: reliability.ece,
            auroc: reliability.auroc,
          },
        ]
      : []),
    {
      title: 'confidence',
      bins: calibrationBins(byConfidence),
      ece: confidence.ece,
      auroc: confidence.auroc,
    },
  ];
  const svg = reliabilityDiagramSvg(`${model.dir.name} · ${source.name} · ${captions.length} images`, panels);
  const png = join(opts.out, `reliability-${source.name}.png`);
  await sharp(Buffer.from(svg)).png().toFile(png);
  process.stdout.write(`reliability diagram: ${png}\n`);
}
await model.release();
writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
