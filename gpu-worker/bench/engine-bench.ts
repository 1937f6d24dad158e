/**
 * `npm run bench`: the decoding engine on the shipped model, every figure a ratio or distribution measured in this
 * run on this machine (never compared with numbers from elsewhere):
 * 1. engine vs the naive seed-style beam search (beam 5, no cache, one call per beam per step): same output, speed-up;
 * 2. throughput with 1, 8 and 32 concurrent requests vs one at a time (continuous batching);
 * 3. time to first word and total latency p50/p95 for greedy, beam 3 and beam 5.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RgbImage } from '@captioner/shared';
import { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../src/cli/default-model.ts';
import { positiveInt } from '../src/cli/options.ts';
import { tensorRow } from '../src/decode/kv-cache.ts';
import { createEngine } from '../src/engine/engine.ts';
import type { CaptionOptions } from '../src/engine/types.ts';
import { loadImage } from '../src/image/load-image.ts';
import { CaptionModel } from '../src/model/caption-model.ts';
import { naiveBeamSearch } from './naive-beam-search.ts';
import { percentile, round } from './stats.ts';

const opts = new Command('bench')
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--requests <n>', 'requests per throughput measurement', positiveInt, 96)
  .option('--json', 'print only the JSON summary')
  .parse()
  .opts<{ model: string; requests: number; json?: boolean }>();

const log = (line: string): void => {
  if (!opts.json) process.stdout.write(`${line}\n`);
};

const model = await CaptionModel.load(opts.model);
const sampleDir = join(opts.model, 'samples');
const images: RgbImage[] = await Promise.all(
  readdirSync(sampleDir)
    .sort()
    .map((f) => loadImage(join(sampleDir, f))),
);
const { generation } = model.dir;
const maxWords = Math.min(generation.max_length, 32) - 2;
log(
  `model ${model.dir.name}, ${images.length} sample images, ${opts.requests} requests per throughput point`,
);

// 1. Engine vs naive beam search, beam 5, one image at a time.
let naiveMs = 0;
let engineMs = 0;
// The encoder's share of both, so the searches can also be compared on their own.
let encoderMs = 0;
let identical = 0;
// Gate off: the naive reference knows nothing of the object gate, and the n-best lists must be identical.
const single = createEngine(model, { presenceThreshold: 0, countGate: false });
for (const image of images) {
  let t = performance.now();
  const states = tensorRow(await model.encodeImages([image]), 0);
  encoderMs += performance.now() - t;
  const naive = await naiveBeamSearch(model, states, {
    numBeams: 5,
    maxLength: maxWords + 2,
    lengthPenalty: generation.length_penalty,
  });
  naiveMs += performance.now() - t;
  t = performance.now();
  const ours = await single.caption({
    image,
    options: { beams: 5, maxWords, alternatives: 5, attention: false },
  });
  engineMs += performance.now() - t;
  const naiveCaptions = naive.map((h) => model.dir.tokenizer.decode(h.tokens));
  if (JSON.stringify(ours.alternatives.map((a) => a.caption)) === JSON.stringify(naiveCaptions)) identical++;
}
await single.close(0);
const speedup = naiveMs / engineMs;
const searchSpeedup = (naiveMs - encoderMs) / Math.max(1e-9, engineMs - encoderMs);
log(
  `\nbeam 5, naive (no cache, one call per beam) vs engine: ${round(naiveMs / images.length)} ms vs ` +
    `${round(engineMs / images.length)} ms per image (encoder included in both), speed-up ${round(speedup, 1)}x; ` +
    `identical n-best on ${identical}/${images.length}${model.hasCrossCache ? ' (engine with the cross-attention cache)' : ''}`,
);
log(
  `  the search alone (minus the encoder's ${round(encoderMs / images.length)} ms per image, the same in both): ` +
    `speed-up ${round(searchSpeedup, 1)}x`,
);

// 2 and 3. Requests through the continuous-batching engine.
interface Run {
  rps: number;
  ttfw: number[];
  latency: number[];
}
async function runRequests(concurrency: number, options: CaptionOptions, count: number): Promise<Run> {
  const engine = createEngine(model, { maxQueue: count, maxBatchRows: 256 });
  const ttfw: number[] = [];
  const latency: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    while (next < count) {
      const image = images[next++ % images.length] as RgbImage;
      const t0 = performance.now();
      let first = 0;
      await engine.caption({
        image,
        options,
        onWord: () => {
          first ||= performance.now() - t0;
        },
      });
      latency.push(performance.now() - t0);
      ttfw.push(first || performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  await engine.close(0);
  return { rps: count / seconds, ttfw, latency };
}

const beam3: CaptionOptions = { beams: 3, maxWords, alternatives: 3, attention: false };
const throughput: Record<string, number> = {};
const base = await runRequests(1, beam3, opts.requests);
log('\nthroughput, beam 3 (requests/s, ratio to one at a time)');
for (const concurrency of [1, 8, 32]) {
  const r = concurrency === 1 ? base : await runRequests(concurrency, beam3, opts.requests);
  throughput[`c${concurrency}`] = round(r.rps / base.rps);
  log(
    `  ${String(concurrency).padStart(2)} concurrent: ${round(r.rps, 1)} req/s  ${round(r.rps / base.rps)}x  (p50 latency ${round(percentile(r.latency, 50))} ms)`,
  );
}

log('\nlatency one request at a time (ms): time to first word p50/p95, total p50/p95');
const latency: Record<string, Record<string, number>> = {};
for (const beams of [1, 3, 5]) {
  const r = await runRequests(
    1,
    { beams, maxWords, alternatives: 1, attention: false },
    Math.max(24, images.length * 3),
  );
  latency[`beam${beams}`] = {
    ttfwP50: round(percentile(r.ttfw, 50)),
    ttfwP95: round(percentile(r.ttfw, 95)),
    totalP50: round(percentile(r.latency, 50)),
    totalP95: round(percentile(r.latency, 95)),
  };
  const l = latency[`beam${beams}`] ?? {};
  log(
    `  ${beams === 1 ? 'greedy' : `beam ${beams}`}: first word ${l.ttfwP50}/${l.ttfwP95}, total ${l.totalP50}/${l.totalP95}`,
  );
}
await model.release();

const summary = {
  model: model.dir.name,
  naiveVsEngineBeam5: {
    speedup: round(speedup, 1),
    searchOnlySpeedup: round(searchSpeedup, 1),
    encoderMsPerImage: round(encoderMs / images.length),
    identical: `${identical}/${images.length}`,
  },
  throughputRatioBeam3: throughput,
  latencyMs: latency,
};
process.stdout.write(`${opts.json ? '' : '\n'}${JSON.stringify(summary)}\n`);
