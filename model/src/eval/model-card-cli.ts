/**
 * `npm run card -- --model models/NAME --run runs/NAME [--count 1000] [--beams 3]`: evaluates a model directory
 * on val, test-comp and test-style (greedy, beam search and the most-frequent-caption baseline), and writes
 * eval.json, README.md (the model card), learning_curve.png and sample images into the model directory.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { captionFiles } from '@captioner/gpu-worker/caption-files.ts';
import { positiveInt } from '@captioner/gpu-worker/cli/options.ts';
import { CaptionModel } from '@captioner/gpu-worker/model/caption-model.ts';
import { Command } from 'commander';
import { mostFrequentCaption } from './baseline.ts';
import { evaluateSplit, scoreSplit, splitImages } from './evaluate-split.ts';
import { STYLE_IDS, STYLE_NAMES } from '../data/styles.ts';
import { type CardInput, renderModelCard, type SplitReport } from './model-card.ts';
import { ensureSplit, splitFiles } from './split-files.ts';

const opts = new Command('card')
  .requiredOption('--model <dir>', 'model directory to evaluate and document')
  .requiredOption('--run <dir>', 'training run folder (config.json, metrics.jsonl, learning_curve.png)')
  .option('--data <dir>', 'scene data set folder', 'data/scenes')
  .option('--count <n>', 'images per split', positiveInt, 1000)
  .option('--beams <n>', 'beam size for the beam-search column', positiveInt, 3)
  .option(
    '--splits <list>',
    'splits to evaluate (those missing from the data folder and not generated are skipped)',
    (v: string) => v.split(',').map((x) => x.trim()),
    ['val', 'test-comp', 'test-style', 'val-real', 'test-real', 'test-clipart', 'test-nonobject'],
  )
  .option('--reuse-eval', "render the card from the model's existing eval.json instead of evaluating again")
  .parse()
  .opts<{
    model: string;
    run: string;
    data: string;
    count: number;
    beams: number;
    splits: string[];
    reuseEval?: boolean;
  }>();

const SPLITS = opts.splits;
const flat = (scores: { coco: object; grounded: object }): Record<string, number | null> =>
  ({ ...scores.coco, ...scores.grounded }) as Record<string, number | null>;

const model = await CaptionModel.load(opts.model);
const trainCaptions = splitFiles(opts.data, 'train').captionsPath;
const baselineCaption = mostFrequentCaption(trainCaptions);
const previous = opts.reuseEval
  ? (JSON.parse(readFileSync(join(opts.model, 'eval.json'), 'utf8')) as {
      count: number;
      beams: number;
      splits: SplitReport[];
    })
  : undefined;
if (previous) {
  opts.count = previous.count;
  opts.beams = previous.beams;
}
const reports: SplitReport[] = previous?.splits ?? [];
const gateThreshold = model.objectGate?.defaultThreshold ?? 0;
const countGate = model.objectGate?.counting !== undefined && model.objectGate.countGateDefault;
for (const split of previous ? [] : SPLITS) {
  const files = await ensureSplit(opts.data, split, opts.count);
  process.stderr.write(`card: ${split}: greedy\n`);
  const greedy = await evaluateSplit(model, files, opts.count, 1);
  process.stderr.write(`card: ${split}: beam ${opts.beams}\n`);
  const beam = await evaluateSplit(model, files, opts.count, opts.beams);
  const baseline = scoreSplit(files, new Map(greedy.results.map((r) => [r.image_id, baselineCaption])));
  let ungated: SplitReport['ungated'];
  if (gateThreshold > 0 || countGate) {
    process.stderr.write(`card: ${split}: greedy, gates off\n`);
    ungated = flat(
      await evaluateSplit(model, files, opts.count, 1, undefined, {
        presenceThreshold: 0,
        ...(countGate ? { countGate: false } : {}),
      }),
    );
  }
  reports.push({
    split,
    images: greedy.images,
    greedy: flat(greedy),
    beam: flat(beam),
    baseline: flat(baseline),
    ...(ungated ? { ungated } : {}),
  });
}

const metrics = readFileSync(join(opts.run, 'metrics.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, number>);
const last = metrics.at(-1) ?? {};
const config = JSON.parse(readFileSync(join(opts.run, 'config.json'), 'utf8'));
const trainImages = (JSON.parse(readFileSync(trainCaptions, 'utf8')) as { images: unknown[] }).images.length;
const trainStyles = new Set(
  (JSON.parse(readFileSync(splitFiles(opts.data, 'train').scenesPath, 'utf8')) as { style: string }[]).map(
    (scene) => scene.style,
  ),
);
const artSets = STYLE_IDS.filter((style) => trainStyles.has(style)).map((style) => STYLE_NAMES[style]);

// Samples: the first images of the unseen-composition and unseen-style splits.
const samplesDir = join(opts.model, 'samples');
rmSync(samplesDir, { recursive: true, force: true });
mkdirSync(samplesDir);
// The emoji splits keep their four samples each (the alt-text site tests serve them); the real-world and
// screenshot splits add two each where the data folder has them.
const sampleCounts: [string, number][] = [
  ['test-comp', 4],
  ['test-style', 4],
  ['test-real', 2],
  ['test-clipart', 2],
  ['test-nonobject', 2],
];
const sampleSources = sampleCounts
  .filter(([split]) => existsSync(splitFiles(opts.data, split).captionsPath))
  .flatMap(([split, n]) =>
    splitImages(splitFiles(opts.data, split), n).map((image) => ({ split, path: image.path })),
  );
const sampleFiles = sampleSources.map(({ split, path }) => {
  const name = `${split}-${path.split('/').at(-1)}`;
  copyFileSync(path, join(samplesDir, name));
  return name;
});
const sampleCaptions = await captionFiles(
  model,
  sampleFiles.map((f) => join(samplesDir, f)),
  { beams: 1 },
);
await model.release();

if (existsSync(join(opts.run, 'learning_curve.png'))) {
  copyFileSync(join(opts.run, 'learning_curve.png'), join(opts.model, 'learning_curve.png'));
}
/** Classes, real-world classes and training splits, when the model was trained beyond the emoji scenes. */
function knowledgeOf(): CardInput['knowledge'] {
  const trainSplits = String(config.train?.train_splits ?? 'train').split(',');
  if (trainSplits.length < 2) return undefined;
  const classes = JSON.parse(readFileSync(splitFiles(opts.data, 'train').classesPath, 'utf8')) as {
    id: string;
    name: string;
  }[];
  const realScenes = splitFiles(opts.data, 'train-real').scenesPath;
  const realIds = new Set(
    existsSync(realScenes)
      ? (JSON.parse(readFileSync(realScenes, 'utf8')) as { objects: { class: string }[] }[]).flatMap((r) =>
          r.objects.map((o) => o.class),
        )
      : [],
  );
  const counts = Object.fromEntries(
    trainSplits.map((split) => {
      const path = splitFiles(opts.data, split.split('/').at(-1) ?? split).captionsPath;
      const n = existsSync(path)
        ? (JSON.parse(readFileSync(path, 'utf8')) as { images: unknown[] }).images.length
        : 0;
      return [split.split('/').at(-1) ?? split, n];
    }),
  );
  return {
    classes: classes.map((c) => c.name),
    realClasses: classes.filter((c) => realIds.has(c.id)).map((c) => c.name),
    trainSplits: counts,
  };
}
const knowledge = knowledgeOf();

const name = opts.model.split('/').filter(Boolean).at(-1) ?? opts.model;
const evaluation = { name, count: opts.count, beams: opts.beams, baselineCaption, splits: reports };
writeFileSync(join(opts.model, 'eval.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
writeFileSync(
  join(opts.model, 'README.md'),
  renderModelCard({
    name,
    beams: opts.beams,
    baselineCaption,
    ...(gateThreshold > 0 ? { gateThreshold } : {}),
    ...(countGate ? { countGate } : {}),
    lengthPenalty: model.dir.generation.length_penalty,
    splits: reports,
    training: {
      config,
      steps: last.step ?? 0,
      images: last.images ?? 0,
      elapsedMinutes: (last.elapsed_s ?? 0) / 60,
      finalValLoss: last.val_loss ?? null,
      trainImages,
      ...(knowledge
        ? { allTrainImages: Object.values(knowledge.trainSplits).reduce((a, b) => a + b, 0) }
        : {}),
      artSets,
    },
    samples: sampleCaptions.map((c, i) => ({
      file: sampleFiles[i] ?? '',
      caption: c.caption,
      confidence: c.confidence,
      reliability: c.reliability,
    })),
    ...(model.verifier
      ? {
          verifier: {
            date: model.verifier.file.fit.date,
            splits: model.verifier.file.fit.splits,
            threshold: model.verifier.threshold,
            thresholdSplits: model.verifier.file.threshold?.splits ?? [],
            ...(typeof model.verifier.file.fit.command === 'string'
              ? { command: model.verifier.file.fit.command }
              : {}),
          },
        }
      : {}),
    ...(knowledge ? { knowledge } : {}),
    command: `npm run card -- --model ${opts.model} --run ${opts.run}${opts.data === 'data/scenes' ? '' : ` --data ${opts.data}`} --count ${opts.count} --beams ${opts.beams}`,
    date: new Date().toISOString().slice(0, 10),
  }),
);
process.stderr.write(
  `card: wrote ${join(opts.model, 'README.md')} (${readdirSync(opts.model).length} entries)\n`,
);
