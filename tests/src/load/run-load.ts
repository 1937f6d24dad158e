// The load run: one GPU worker process and the edge in workerd (the whole-system tests' harness), then one phase
// per client count. Half the clients stream over SSE, half over their own WebSocket; each sends one caption at a
// time until the phase's time or request budget is spent, and waits out the Retry-After of every refusal, as a
// well-behaved caller does. Every request is checked (see `checkOutcome`), and the memory of both processes is
// sampled throughout.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Edge, type GpuWorker, makeKey, startEdge, startGpuWorker } from '../../test/edge/harness.ts';
import { type CaptionOutcome, CaptionSocket, captionSse } from './clients.ts';
import { descendants, MemorySampler } from './memory.ts';
import { type Check, checkOutcome, type PhaseReport, summarisePhase } from './outcomes.ts';

export interface LoadOptions {
  modelDir: string;
  /** Directory of PNG images, sent in rotation; each one's solo caption is the reference for the run. */
  imageDir: string;
  clientCounts: number[];
  /** Each phase ends at whichever comes first. */
  phaseMs: number;
  maxRequestsPerPhase: number;
  beams: number;
  /** The load key's limits: overload past them must come back as 429/503 with Retry-After. */
  maxConcurrent: number;
  ratePerMinute: number;
  /** A request not finished by then is a timeout, which breaks the run. */
  requestTimeoutMs: number;
  /** Growth of either process's RSS over its level after the warm-up that breaks the run. */
  maxRssGrowthBytes: number;
  onProgress?: (line: string) => void;
}

export interface LoadReport {
  startedAt: string;
  options: Omit<LoadOptions, 'onProgress'>;
  references: Record<string, string>;
  baseline: { workerBytes: number; edgeBytes: number };
  phases: PhaseReport[];
  /** Broken invariants, each once with a count; empty when the run holds. */
  breaks: string[];
}

interface Image {
  name: string;
  bytes: Uint8Array;
}

function loadImages(dir: string): Image[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.png'))
    .sort();
  if (names.length === 0) throw new Error(`no PNG images in ${dir}`);
  return names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

/** The message and, for fetch's opaque `fetch failed`, the network error underneath. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause === undefined
    ? error.message
    : `${error.message} (${cause.code ?? ''} ${cause.message ?? ''})`.trim();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A request that did not end in time becomes an outcome with a timeout violation. */
async function withTimeout(
  start: (signal: AbortSignal) => Promise<CaptionOutcome>,
  transport: 'sse' | 'ws',
  timeoutMs: number,
): Promise<CaptionOutcome> {
  const abort = new AbortController();
  const startedAt = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<CaptionOutcome>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({
        transport,
        status: 0,
        words: [],
        finals: [],
        violations: [`no final event within ${timeoutMs} ms (timeout)`],
        startedAt,
        endedAt: performance.now(),
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      start(abort.signal).catch((error: unknown) => ({
        transport,
        status: 0,
        words: [],
        finals: [],
        violations: [`no answer, the connection failed: ${describeError(error)}`],
        connectionFailed: true,
        startedAt,
        endedAt: performance.now(),
      })),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function edgeInFlight(edge: Edge): Promise<number> {
  const body = (await (await fetch(`${edge.url}/healthz`)).json()) as { gpu_workers: { inFlight: number } };
  return body.gpu_workers.inFlight;
}

async function workerActive(worker: GpuWorker): Promise<number> {
  const body = (await (await fetch(`${worker.url}/healthz`)).json()) as { activeRequests: number };
  return body.activeRequests;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.onProgress ?? (() => {});
  const images = loadImages(options.imageDir);
  const key = makeKey('load', 'secret', {
    rate_per_minute: options.ratePerMinute,
    burst: Math.max(1, Math.round(options.ratePerMinute / 60)),
    max_concurrent: options.maxConcurrent,
  });
  const worker = await startGpuWorker(options.modelDir);
  const edge = await startEdge({ gpuWorkers: [worker.url], keys: [key] });
  const sampler = new MemorySampler(
    worker.child.pid ?? 0,
    descendants(process.pid)
      .filter((p) => p.name === 'workerd')
      .map((p) => p.pid),
  );
  const query = `beams=${options.beams}`;
  const sse = (image: Image, signal?: AbortSignal) =>
    captionSse({
      edgeUrl: edge.url,
      key: key.key,
      image: image.bytes,
      contentType: 'image/png',
      query,
      signal,
    });
  const breaks = new Map<string, number>();
  const broke = (what: string) => breaks.set(what, (breaks.get(what) ?? 0) + 1);

  try {
    // Warm-up, one at a time: each image's caption alone is the reference its captions under load must equal.
    const references: Record<string, string> = {};
    for (const image of images) {
      const outcome = await sse(image);
      const final = outcome.finals[0];
      if (final?.type !== 'done')
        throw new Error(`warm-up caption failed: ${JSON.stringify(outcome.finals)}`);
      references[image.name] = final.caption;
    }
    progress(`warm-up done; ${images.length} images, reference captions taken one at a time`);
    const baseline = sampler.sample();
    const seenCaptionIds = new Set<string>();
    const phases: PhaseReport[] = [];

    for (const clients of options.clientCounts) {
      const sampleFrom = sampler.elapsedMs;
      const results: { outcome: CaptionOutcome; check: Check }[] = [];
      let issued = 0;
      let nextImage = 0;
      const record = (outcome: CaptionOutcome, image: Image) => {
        const check = checkOutcome(outcome, references[image.name] ?? '', seenCaptionIds);
        for (const problem of check.problems) broke(problem);
        results.push({ outcome, check });
      };
      const wsClients = Math.floor(clients / 2);
      const sockets = await Promise.all(
        Array.from({ length: wsClients }, () => CaptionSocket.open(edge.url, key.key)),
      );
      // The phase's clock starts once every socket is open: on a starved machine opening 128 takes seconds.
      const phaseStart = performance.now();
      const deadline = phaseStart + options.phaseMs;
      const ticker = setInterval(() => {
        const count = (kind: string) => results.filter((r) => r.check.kind === kind).length;
        progress(
          `  ${clients} clients: ${((performance.now() - phaseStart) / 1000).toFixed(0)}/${options.phaseMs / 1000} s, ` +
            `${count('ok')} ok, ${count('refused')} refused, ${count('error')} failed, ${count('dropped')} dropped`,
        );
      }, 2_000);

      const client = async (index: number) => {
        const socket = index < wsClients ? sockets[index] : undefined;
        let n = 0;
        while (performance.now() < deadline && issued < options.maxRequestsPerPhase) {
          issued += 1;
          const image = images[nextImage++ % images.length] as Image;
          const id = `c${index}-${n++}`;
          const outcome =
            socket === undefined
              ? await withTimeout((signal) => sse(image, signal), 'sse', options.requestTimeoutMs)
              : await withTimeout(
                  () => socket.caption(id, image.bytes, { beams: options.beams }),
                  'ws',
                  options.requestTimeoutMs,
                );
          record(outcome, image);
          if (outcome.retryAfter !== undefined && outcome.finals[0]?.type === 'error') {
            await sleep(Math.min(outcome.retryAfter * 1000, deadline - performance.now()));
          }
        }
      };
      await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
      const wallMs = performance.now() - phaseStart;
      clearInterval(ticker);
      for (const socket of sockets) {
        if (socket.strays.length > 0)
          broke(`a WebSocket received ${socket.strays.length} messages for no request of its own`);
        await socket.close();
      }
      // Nothing may stay in flight once every caller has its answer: no leaked relay jobs or worker requests.
      let inFlight = await edgeInFlight(edge);
      let active = await workerActive(worker);
      for (let i = 0; i < 50 && (inFlight > 0 || active > 0); i++) {
        await sleep(100);
        inFlight = await edgeInFlight(edge);
        active = await workerActive(worker);
      }
      if (inFlight > 0) broke(`${inFlight} captions still in flight at the edge after a phase ended`);
      if (active > 0) broke(`${active} requests still active on the GPU worker after a phase ended`);
      const peak = sampler.peakSince(sampleFrom);
      for (const [what, bytes, base] of [
        ['GPU worker', peak.workerBytes, baseline.workerBytes],
        ['edge (workerd)', peak.edgeBytes, baseline.edgeBytes],
      ] as const) {
        if (bytes - base > options.maxRssGrowthBytes) {
          broke(`${what} RSS grew by ${((bytes - base) / 2 ** 20).toFixed(0)} MiB at ${clients} clients`);
        }
      }
      if (results.length === 0) broke(`the ${clients}-client phase sent no request`);
      const phase = summarisePhase(clients, wsClients, wallMs, results, peak);
      phases.push(phase);
      progress(
        `  ${clients} clients: ${phase.requests} requests, ${phase.ok} ok, ${phase.refused} refused, ${phase.errors} failed, ${phase.dropped} dropped`,
      );
    }
    const { onProgress: _onProgress, ...recorded } = options;
    return {
      startedAt: new Date().toISOString(),
      options: recorded,
      references,
      baseline: { workerBytes: baseline.workerBytes, edgeBytes: baseline.edgeBytes },
      phases,
      breaks: [...breaks].map(([what, count]) => (count > 1 ? `${what} (×${count})` : what)),
    };
  } finally {
    sampler.stop();
    await edge.dispose();
    await worker.stop();
  }
}
