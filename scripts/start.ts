// `npm start`: the whole service on this machine. Starts the GPU worker with the shipped model, then the edge with
// `wrangler dev` (offline), prints the demo page's URL and a development secret key, and on Ctrl-C (or SIGTERM)
// stops both and waits for them, leaving no process behind.
//
// Environment:
//   PORT                  edge port on 127.0.0.1 (default 8787)
//   CAPTION_DEV_KEY       the development secret key to accept (default: a new random one each run)
//   CAPTION_MODEL         model directory (default models/scenes-small)
//   CAPTION_WORKER_PORT   GPU worker port on 127.0.0.1 (default 8790)
//   CAPTION_ALLOW_LOOPBACK_URLS=1  let URL intake fetch loopback addresses (local testing only)
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
const workerPort = Number(process.env.CAPTION_WORKER_PORT ?? 8790);
const modelDir = resolve(root, process.env.CAPTION_MODEL ?? 'models/scenes-small');
const STOP_TIMEOUT_MS = 15_000;

function fail(message: string): never {
  process.stderr.write(`start: ${message}\n`);
  process.exit(1);
}

function randomKey(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

if (!Number.isInteger(port) || port < 1 || port > 65_535)
  fail(`PORT must be a TCP port, got ${process.env.PORT}`);
if (!existsSync(join(modelDir, 'config.json'))) {
  fail(
    `no model at ${modelDir}. Train and export one (npm run train, npm run export) or set CAPTION_MODEL to a ` +
      'model directory.',
  );
}

const devKey = process.env.CAPTION_DEV_KEY ?? randomKey('sk_dev');
const demoKey = randomKey('pk_demo');
const workerSecret = randomBytes(32).toString('hex');
const origins = [`http://${host}:${port}`, `http://localhost:${port}`];
const apiKeys = [
  {
    id: 'dev',
    type: 'secret',
    sha256: sha256(devKey),
    rate_per_minute: 6_000,
    burst: 200,
    max_concurrent: 32,
  },
  { id: 'demo', type: 'publishable', sha256: sha256(demoKey), origins, rate_per_minute: 120, burst: 20 },
];

// Secrets reach wrangler through an env file readable only by this user, removed on exit.
const secretsDir = mkdtempSync(join(tmpdir(), 'captioner-start-'));
const envFile = join(secretsDir, 'edge.env');
writeFileSync(
  envFile,
  [
    `CAPTION_WORKER_SECRET='${workerSecret}'`,
    `WS_TOKEN_SECRET='${randomBytes(32).toString('hex')}'`,
    `API_KEYS='${JSON.stringify(apiKeys)}'`,
    `DEMO_PUBLISHABLE_KEY='${demoKey}'`,
    `GPU_WORKERS='http://${host}:${workerPort}'`,
    `ALLOW_LOOPBACK_URLS='${process.env.CAPTION_ALLOW_LOOPBACK_URLS === '1' ? 'true' : 'false'}'`,
    '',
  ].join('\n'),
  { mode: 0o600 },
);

const children: { name: string; child: ChildProcess; exited: Promise<void> }[] = [];
let stopping = false;

/** Starts a child in its own process group, so stopping it reaches every process it started. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolveExit) => {
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`start: ${name} exited (${signal ?? code}); stopping\n`);
        void stop(1);
      }
      resolveExit();
    });
  });
  children.push({ name, child, exited });
  return child;
}

function prefixLines(
  stream: NodeJS.ReadableStream | null,
  prefix: string,
  onLine?: (line: string) => void,
): void {
  if (stream === null) return;
  createInterface({ input: stream }).on('line', (line) => {
    onLine?.(line);
    process.stdout.write(`${prefix} ${line}\n`);
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    process.stdout.write('start: stopping the edge and the GPU worker\n');
    for (const { child } of children) signalGroup(child, 'SIGTERM');
    const timeout = setTimeout(() => {
      for (const { child } of children) signalGroup(child, 'SIGKILL');
    }, STOP_TIMEOUT_MS);
    await Promise.all(children.map((c) => c.exited));
    clearTimeout(timeout);
    // Grandchildren that outlived their parent (e.g. workerd) are still in the group.
    for (const { child } of children) signalGroup(child, 'SIGKILL');
    rmSync(secretsDir, { recursive: true, force: true });
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!stopping) {
    process.stderr.write(`start: ${url} did not become healthy within ${timeoutMs / 1000} s\n`);
    await stop(1);
  }
}

async function main(): Promise<void> {
  const gpu = start(
    'GPU worker',
    process.execPath,
    [
      '--import',
      'tsx',
      'gpu-worker/src/cli/serve.ts',
      '--model',
      modelDir,
      '--port',
      String(workerPort),
      '--host',
      host,
      '--grace-ms',
      '3000',
    ],
    { ...process.env, CAPTION_WORKER_SECRET: workerSecret },
  );
  prefixLines(gpu.stdout, '[gpu]');
  prefixLines(gpu.stderr, '[gpu]');
  await waitForHealth(`http://${host}:${workerPort}/healthz`, 60_000);

  const edge = start(
    'edge',
    join(root, 'node_modules/.bin/wrangler'),
    [
      'dev',
      '--ip',
      host,
      '--port',
      String(port),
      '--env-file',
      envFile,
      '--show-interactive-dev-session=false',
    ],
    {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_HIDE_BANNER: 'true',
    },
  );
  prefixLines(edge.stdout, '[edge]');
  prefixLines(edge.stderr, '[edge]');
  await waitForHealth(`http://${host}:${port}/healthz`, 60_000);

  const base = `http://${host}:${port}`;
  process.stdout.write(
    [
      '',
      `Captioning service ready (model ${modelDir})`,
      `  demo page:        ${base}/`,
      `  API:              ${base}/v1/captions   (OpenAPI: ${base}/openapi.json)`,
      `  alt-text script:  ${base}/alt-text.js   (docs/alt-text.md)`,
      `  dev secret key:   ${devKey}`,
      `  try:  curl -H "Authorization: Bearer ${devKey}" -H "Content-Type: image/jpeg" --data-binary @photo.jpg ${base}/v1/captions`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  void stop(1);
});
