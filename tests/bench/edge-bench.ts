// Edge benchmark: what the edge adds on top of the GPU worker, on a 640×480 JPEG.
//   - latency: per request, client wall time minus the worker's own time (timings.worker_ms), p50/p95;
//   - throughput: 16 concurrent clients through the edge vs the same clients on the GPU worker directly (pixels
//     decoded and resized in Node), as a ratio measured in the same run.
// Runs the real stack: a GPU worker process, the bundled edge in workerd (Miniflare). Model: CAPTION_MODEL, else
// models/scenes-small if exported, else the tiny test model.
//
//   node --import tsx tests/bench/edge-bench.ts [--requests 200] [--clients 16] [--per-client 20]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import sharp from 'sharp';
import { signedToken, TestClient } from '../../gpu-worker/test/server/test-client.ts';
import { exportTinyModel } from '../../gpu-worker/test/tiny-model.ts';
import {
  type CaptionBody,
  jsonOf,
  makeKey,
  repoRoot,
  startEdge,
  startGpuWorker,
  WORKER_SECRET,
} from '../test/edge/harness.ts';
import { pattern } from '../test/edge/images.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    clients: { type: 'string', default: '16' },
    'per-client': { type: 'string', default: '20' },
  },
});
const REQUESTS = Number(values.requests);
const CLIENTS = Number(values.clients);
const PER_CLIENT = Number(values['per-client']);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const shipped = join(repoRoot, 'models/scenes-small');
  const modelDir =
    process.env.CAPTION_MODEL ?? (existsSync(join(shipped, 'config.json')) ? shipped : exportTinyModel());
  const key = makeKey('bench', 'secret', { rate_per_minute: 1_000_000, burst: 100_000, max_concurrent: 64 });
  const worker = await startGpuWorker(modelDir);
  const edge = await startEdge({ gpuWorkers: [worker.url], keys: [key] });
  try {
    const jpeg = await sharp(pattern(640, 480), { raw: { width: 640, height: 480, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const caption = async (): Promise<{ wallMs: number; workerMs: number }> => {
      const started = performance.now();
      const response = await fetch(`${edge.url}/v1/captions?beams=3`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/jpeg' },
        body: jpeg,
      });
      const body = await jsonOf<CaptionBody>(response);
      if (response.status !== 200)
        throw new Error(`edge answered ${response.status}: ${JSON.stringify(body)}`);
      return { wallMs: performance.now() - started, workerMs: body.timings.worker_ms };
    };

    for (let i = 0; i < 10; i++) await caption(); // warm-up: connections, wasm, model
    const samples: { wallMs: number; workerMs: number }[] = [];
    for (let i = 0; i < REQUESTS; i++) samples.push(await caption());
    const overhead = samples.map((s) => s.wallMs - s.workerMs).sort((a, b) => a - b);
    const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
    const workerTimes = samples.map((s) => s.workerMs).sort((a, b) => a - b);
    console.log(`model ${modelDir}`);
    console.log(`latency, ${REQUESTS} sequential requests, 640x480 JPEG, beams 3:`);
    console.log(`  client wall     p50 ${fmt(percentile(wall, 50))}  p95 ${fmt(percentile(wall, 95))}`);
    console.log(
      `  worker's own    p50 ${fmt(percentile(workerTimes, 50))}  p95 ${fmt(percentile(workerTimes, 95))}`,
    );
    console.log(
      `  edge overhead   p50 ${fmt(percentile(overhead, 50))}  p95 ${fmt(percentile(overhead, 95))}`,
    );

    // Throughput through the edge, then the same load on the worker directly (the baseline).
    let started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) await caption();
      }),
    );
    const edgeRate = (CLIENTS * PER_CLIENT) / ((performance.now() - started) / 1000);

    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const direct = await TestClient.connect(`${worker.url.replace('http', 'ws')}/ws`, {
      token: await signedToken(WORKER_SECRET),
    });
    const hello = await direct.hello();
    let next = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) {
          // The baseline does the edge's image work too (decode + resize), in Node.
          const pixels = resizeBilinear(
            { width: info.width, height: info.height, data: new Uint8Array(data) },
            hello.model.inputWidth,
            hello.model.inputHeight,
          );
          const id = `b${next++}`;
          direct.caption(id, pixels, { beams: 3, alternatives: 3 });
          const final = await direct.final(id, 120_000);
          if (final.type !== 'result') throw new Error(JSON.stringify(final));
        }
      }),
    );
    const directRate = (CLIENTS * PER_CLIENT) / ((performance.now() - started) / 1000);
    await direct.close();
    console.log(`throughput, ${CLIENTS} concurrent clients x ${PER_CLIENT} requests:`);
    console.log(`  through the edge   ${edgeRate.toFixed(1)} captions/s`);
    console.log(`  worker directly    ${directRate.toFixed(1)} captions/s (baseline)`);
    console.log(`  ratio edge/direct  ${(edgeRate / directRate).toFixed(2)}`);
  } finally {
    await edge.dispose();
    await worker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
