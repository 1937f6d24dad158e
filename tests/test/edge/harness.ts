// Whole-system harness for the edge: a real GPU worker process (`serve` CLI on a tiny exported model) on loopback,
// and the edge bundled by wrangler, running in real workerd through Miniflare's programmatic API.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const WORKER_SECRET = 'edge-test-worker-secret-0123456789abcdef';
export const WS_TOKEN_SECRET = 'edge-test-ws-token-secret-0123456789abcdef';

const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};

export interface GpuWorker {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Pino log lines, parsed. */
  readonly logs: Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `gpu-worker/src/cli/serve.ts` on a loopback port (a free one unless `port` names one, e.g. to restart a
 * killed worker where the edge expects it) and waits for its `listening` line.
 */
export async function startGpuWorker(
  modelDir: string,
  extraArgs: string[] = [],
  port = 0,
): Promise<GpuWorker> {
  // node with tsx's loader rather than the tsx CLI, which would run the server in a child that SIGKILL misses.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'gpu-worker/src/cli/serve.ts',
      '--model',
      modelDir,
      '--port',
      String(port),
      '--threads',
      '1',
      ...extraArgs,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, CAPTION_WORKER_SECRET: WORKER_SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs: Record<string, unknown>[] = [];
  const bound = await new Promise<number>((resolve, reject) => {
    if (child.stdout === null) throw new Error('no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'listening' && typeof entry.port === 'number') resolve(entry.port);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${bound}`,
    child,
    exited,
    logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

let built: Promise<string> | undefined;

/** Bundles the edge once per test process with `wrangler deploy --dry-run` (offline, no login). */
export function buildEdge(): Promise<string> {
  built ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'edge-dist-'));
    await promisify(execFile)(
      join(repoRoot, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', outdir],
      { cwd: repoRoot, env: { ...process.env, ...WRANGLER_ENV } },
    );
    return outdir;
  })();
  return built;
}

export interface TestKey {
  key: string;
  record: Record<string, unknown>;
}

/** A key and its `API_KEYS` record (the record stores only the hash). */
export function makeKey(
  id: string,
  type: 'secret' | 'publishable',
  limits: { origins?: string[]; rate_per_minute?: number; burst?: number; max_concurrent?: number } = {},
): TestKey {
  const key = `${type === 'secret' ? 'sk' : 'pk'}_${randomBytes(24).toString('base64url')}`;
  const sha256 = createHash('sha256').update(key).digest('hex');
  return { key, record: { id, type, sha256, ...limits } };
}

export interface Edge {
  readonly url: string;
  readonly mf: Miniflare;
  dispose(): Promise<void>;
}

export async function startEdge(options: {
  gpuWorkers: string[];
  keys: TestKey[];
  vars?: Record<string, string>;
  /** Fixed port, for tests whose configuration names the edge's own origin; default any free port. */
  port?: number;
}): Promise<Edge> {
  const outdir = await buildEdge();
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(outdir, 'index.js'),
    modulesRoot: outdir,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-26',
    compatibilityFlags: ['nodejs_compat', 'enable_request_signal'],
    durableObjects: { CAPTION_RELAY: 'CaptionRelay', KEY_LIMITER: 'KeyLimiter' },
    bindings: {
      GPU_WORKERS: options.gpuWorkers.join(' '),
      CAPTION_WORKER_SECRET: WORKER_SECRET,
      WS_TOKEN_SECRET,
      API_KEYS: JSON.stringify(options.keys.map((k) => k.record)),
      // Off unless a test turns it on: most tests count what reaches the GPU worker for a repeated image.
      RESULT_CACHE_TTL_SECONDS: '0',
      ...options.vars,
    },
    host: '127.0.0.1',
    port: 0,
    // Served straight by workerd, without Miniflare's entry worker in between, so a client that disconnects is
    // seen by the edge as it would be in production (Miniflare's entry worker does not pass the abort on).
    unsafeDirectSockets: [{ host: '127.0.0.1', port: options.port ?? 0 }],
  });
  await mf.ready;
  const url = (await mf.unsafeGetDirectURL()).toString().replace(/\/$/, '');
  return { url, mf, dispose: () => mf.dispose() };
}

/** Parses a `text/event-stream` body into its events, in order. */
export async function readSse(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  const events: { event: string; data: unknown }[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    events.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return events;
}

/** Prometheus counter value from the GPU worker's /metrics, 0 when absent. */
export async function workerMetric(worker: GpuWorker, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** Polls `condition` every 20 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A response's JSON as the shape the test expects; the assertions that follow are the check. */
export async function jsonOf<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The caption answer's fields the tests read. */
export interface CaptionBody {
  id: string;
  caption: string;
  confidence: number;
  alternatives: { caption: string; score: number }[];
  model: string;
  timings: { total_ms: number; worker_ms: number };
  image: { format: string; width: number; height: number };
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** A TCP port free right now on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
