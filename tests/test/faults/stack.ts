// What every fault test builds: real GPU worker processes on the tiny exported model, each behind a fault proxy,
// and the edge in workerd in front of them; everything started is stopped after each test.
import { afterEach } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { type CaptionOutcome, captionSse } from '../../src/load/clients.ts';
import { FaultProxy } from '../edge/fault-proxy.ts';
import {
  type Edge,
  type GpuWorker,
  makeKey,
  startEdge,
  startGpuWorker,
  type TestKey,
  waitFor,
} from '../edge/harness.ts';
import { encode } from '../edge/images.ts';

export const key = makeKey('faults', 'secret', {
  rate_per_minute: 100_000,
  burst: 10_000,
  max_concurrent: 64,
});

/**
 * Each test starts its own processes (and the first exports the tiny model), which takes a minute or more on a
 * busy two-core machine: more than vitest's default.
 */
export const FAULT_TEST_TIMEOUT_MS = 600_000;

let modelDir: string | undefined;
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Registers a step to run after the current test, in reverse order of registration. */
export function onCleanup(step: () => Promise<unknown>): void {
  cleanup.push(step);
}

export interface ProxiedWorker {
  worker: GpuWorker;
  proxy: FaultProxy;
  /** Starts a fresh worker process on the same port (after a kill): the proxy, and so the edge, find it there. */
  restart(): Promise<GpuWorker>;
}

export async function workerBehindProxy(args: string[] = []): Promise<ProxiedWorker> {
  modelDir ??= exportTinyModel();
  const dir = modelDir;
  const first = await startGpuWorker(dir, args);
  const proxy = await FaultProxy.start(first.url);
  const handle: ProxiedWorker = {
    worker: first,
    proxy,
    async restart() {
      handle.worker = await startGpuWorker(dir, args, Number(new URL(first.url).port));
      const restarted = handle.worker;
      onCleanup(() => restarted.stop('SIGKILL'));
      return restarted;
    },
  };
  onCleanup(() => proxy.close());
  onCleanup(() => handle.worker.stop('SIGKILL'));
  return handle;
}

export async function edgeFor(urls: string[], keys: TestKey[] = [key]): Promise<Edge> {
  const edge = await startEdge({ gpuWorkers: urls, keys });
  onCleanup(() => edge.dispose());
  return edge;
}

let image: Promise<Buffer> | undefined;
/** A small PNG: the tiny model captions it in a few milliseconds. */
export function testImage(): Promise<Buffer> {
  image ??= encode('png', 32, 32);
  return image;
}

export async function sse(edge: Edge, query = '', as: TestKey = key): Promise<CaptionOutcome> {
  return captionSse({
    edgeUrl: edge.url,
    key: as.key,
    image: await testImage(),
    contentType: 'image/png',
    query,
  });
}

export interface EdgeHealth {
  status: string;
  gpu_workers: { healthy: number; total: number; inFlight: number };
}

export async function health(edge: Edge): Promise<EdgeHealth> {
  return (await (await fetch(`${edge.url}/healthz`)).json()) as EdgeHealth;
}

/**
 * Sends SSE captions until one is done, honouring each refusal's Retry-After, as a well-behaved client retries;
 * every refusal on the way must be a 503 `backend_unavailable` with Retry-After. Returns the outcomes.
 */
export async function captionUntilServed(edge: Edge, timeoutMs = 60_000): Promise<CaptionOutcome[]> {
  const outcomes: CaptionOutcome[] = [];
  await waitFor(async () => {
    const outcome = await sse(edge);
    outcomes.push(outcome);
    if (outcome.finals[0]?.type === 'done') return true;
    await new Promise((resolve) => setTimeout(resolve, 1_000 * (outcome.retryAfter ?? 1)));
    return false;
  }, timeoutMs);
  return outcomes;
}

export const isWord = (text: string | undefined) => text?.includes('"type":"word"') === true;
export const isHello = (text: string | undefined) => text?.includes('"type":"hello"') === true;
/** Pixel frames are the only binary frames the edge sends. */
export const BINARY = 2;
