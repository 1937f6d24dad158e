/**
 * Side by side with transformers.js (`npm run bench`, or alone: `npx tsx gpu-worker/bench/transformers-js-bench.ts`):
 * the shipped model directory loaded by transformers.js's `image-to-text` pipeline (local files only) and by our
 * engine, on the first N images of the test-comp split (128 px, the model's input size, so neither side resizes;
 * generated with the data generator's defaults when `--data` lacks them).
 * 1. greedy captions: identical on how many of the N images;
 * 2. latency (p50/p95) and throughput at 1 and 16 concurrent requests, ours / theirs, both greedy;
 * 3. quality: BLEU-4, CIDEr-D and object recall of our beam 3 against its greedy (all it has).
 * Images are decoded once up front and handed to both as raw RGB: the timings cover preprocessing, the encoder and
 * decoding. Every figure is a ratio measured in this run on this machine.
 */
import type { RgbImage } from '@captioner/shared';
import { Command } from 'commander';
import type { ImageId } from '../../model/src/eval/metrics/index.ts';
import { ensureSplit, splitFiles } from '../../model/src/eval/split-files.ts';
import { scoreSplit, splitImages } from '../../model/src/eval/evaluate-split.ts';
import { DEFAULT_MODEL_DIR } from '../src/cli/default-model.ts';
import { positiveInt } from '../src/cli/options.ts';
import { createEngine } from '../src/engine/engine.ts';
import type { CaptionEngine, CaptionOptions } from '../src/engine/types.ts';
import { loadImage } from '../src/image/load-image.ts';
import { CaptionModel } from '../src/model/caption-model.ts';
import { percentile, round } from './stats.ts';
import { loadTransformersCaptioner } from './transformers-js.ts';

const opts = new Command('transformers-js-bench')
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--data <dir>', 'scene data set (test-comp is generated there when missing)', 'data/scenes')
  .option('--images <n>', 'test-comp images for captions and quality', positiveInt, 200)
  .option('--requests <n>', 'requests per latency/throughput point', positiveInt, 64)
  .option('--json', 'print only the JSON summary')
  .parse()
  .opts<{ model: string; data: string; images: number; requests: number; json?: boolean }>();

const log = (line: string): void => {
  if (!opts.json) process.stdout.write(`${line}\n`);
};

const files = await ensureSplit(opts.data, 'test-comp', opts.images, (n) => log(`generated ${n} images`));
const split = splitImages(files, opts.images);
const images: RgbImage[] = await Promise.all(split.map((entry) => loadImage(entry.path)));

const model = await CaptionModel.load(opts.model);
// transformers.js knows nothing of the object gate (a project extra), so captions and speed are compared with the
// gate off: the same model, the same computation. Quality is also reported as served (the model's default gate).
const engine: CaptionEngine = createEngine(model, { maxQueue: 1024, presenceThreshold: 0, countGate: false });
const served: CaptionEngine = createEngine(model, { maxQueue: 1024 });
const maxWords = engine.model.maxWords;
const theirs = await loadTransformersCaptioner(opts.model, maxWords);
const greedy: CaptionOptions = { beams: 1, maxWords, alternatives: 1, attention: false };
const beam3: CaptionOptions = { beams: 3, maxWords, alternatives: 1, attention: false };
const ours =
  (options: CaptionOptions, through: CaptionEngine = engine) =>
  async (image: RgbImage) =>
    (await through.caption({ image, options })).caption;
log(
  `model ${model.dir.name}, ${images.length} test-comp images from ${files.imagesDir}, ${opts.requests} requests per point`,
);

/** Captions every image, `concurrency` requests in flight at a time, in input order. */
async function captionAll(
  caption: (image: RgbImage) => Promise<string>,
  concurrency: number,
): Promise<string[]> {
  const out: string[] = new Array(images.length);
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < images.length) {
      const i = next++;
      out[i] = await caption(images[i] as RgbImage);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return out;
}

// 1. Greedy captions, ours vs theirs.
const oursGreedy = await captionAll(ours(greedy), 16);
const theirsGreedy = await captionAll(theirs.caption, 1);
const identical = oursGreedy.filter((caption, i) => caption === theirsGreedy[i]).length;
log(`\ngreedy captions identical on ${identical}/${images.length} images`);
for (const [i, caption] of oursGreedy.entries()) {
  if (caption !== theirsGreedy[i])
    log(`  differs on ${split[i]?.path}: ours "${caption}", theirs "${theirsGreedy[i]}"`);
}

// 2. Latency and throughput, greedy on both sides.
interface Run {
  rps: number;
  latency: number[];
}
async function measure(caption: (image: RgbImage) => Promise<string>, concurrency: number): Promise<Run> {
  await caption(images[0] as RgbImage); // warm-up
  const latency: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    while (next < opts.requests) {
      const image = images[next++ % images.length] as RgbImage;
      const t0 = performance.now();
      await caption(image);
      latency.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { rps: opts.requests / ((performance.now() - started) / 1000), latency };
}
const speed: Record<string, Record<string, number>> = {};
log(
  '\ngreedy, ours vs transformers.js: latency p50/p95 (ms), throughput (req/s), ratio theirs/ours latency, ours/theirs throughput',
);
for (const concurrency of [1, 16]) {
  const a = await measure(ours(greedy), concurrency);
  const b = await measure(theirs.caption, concurrency);
  const entry = {
    oursP50: round(percentile(a.latency, 50)),
    oursP95: round(percentile(a.latency, 95)),
    theirsP50: round(percentile(b.latency, 50)),
    theirsP95: round(percentile(b.latency, 95)),
    oursRps: round(a.rps, 1),
    theirsRps: round(b.rps, 1),
    latencyRatioP50: round(percentile(b.latency, 50) / percentile(a.latency, 50)),
    throughputRatio: round(a.rps / b.rps),
  };
  speed[`c${concurrency}`] = entry;
  log(
    `  ${String(concurrency).padStart(2)} concurrent: ours ${entry.oursP50}/${entry.oursP95} ms, ${entry.oursRps} req/s; ` +
      `theirs ${entry.theirsP50}/${entry.theirsP95} ms, ${entry.theirsRps} req/s; ` +
      `latency ${entry.latencyRatioP50}x lower, throughput ${entry.throughputRatio}x`,
  );
}

// 3. Quality: our beam 3 vs its greedy, on the same images and references.
const oursBeam3 = await captionAll(ours(beam3), 16);
const gate = model.objectGate?.defaultThreshold ?? 0;
const countGate = model.objectGate?.counting !== undefined && model.objectGate.countGateDefault;
const servedBeam3 = gate > 0 || countGate ? await captionAll(ours(beam3, served), 16) : undefined;
const scores = (captions: string[]) => {
  const s = scoreSplit(
    files,
    new Map<ImageId, string>(split.map((entry, i) => [entry.id, captions[i] ?? ''])),
  );
  return {
    bleu4: round(s.coco.Bleu_4, 4),
    ciderD: round(s.coco.CIDEr, 4),
    objectRecall: s.grounded.objectRecall === null ? null : round(s.grounded.objectRecall, 4),
    chairI: s.grounded.chairI === null ? null : round(s.grounded.chairI, 4),
  };
};
const quality = {
  theirsGreedy: scores(theirsGreedy),
  oursGreedy: scores(oursGreedy),
  oursBeam3: scores(oursBeam3),
  ...(servedBeam3 ? { oursBeam3Gated: scores(servedBeam3) } : {}),
};
if (servedBeam3)
  log(
    `\noursBeam3Gated: beam 3 as served, with the model's object gate at ${gate}` +
      `${countGate ? ' and its count gate' : ''}`,
  );
log(`\nquality on ${images.length} test-comp images (BLEU-4, CIDEr-D, object recall, CHAIR-i)`);
for (const [name, s] of Object.entries(quality)) {
  log(`  ${name.padEnd(12)} ${s.bleu4}  ${s.ciderD}  ${s.objectRecall}  ${s.chairI}`);
}

await theirs.dispose();
await engine.close(0);
await served.close(0);
await model.release();

const summary = {
  model: model.dir.name,
  images: images.length,
  split: splitFiles(opts.data, 'test-comp').imagesDir,
  greedyIdentical: `${identical}/${images.length}`,
  greedySpeed: speed,
  quality,
};
process.stdout.write(`${opts.json ? '' : '\n'}${JSON.stringify(summary)}\n`);
