// The TypeScript client (shared/src/client) against the real edge in workerd and a real GPU worker serving the
// shipped model: JSON, SSE and WebSocket answers agree, errors carry the API's codes, rate limits and missing GPU
// workers are retried as Retry-After says, and AbortSignal cancels.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CaptionApiError,
  type CaptionStreamEvent,
  captionImage,
  streamCaption,
} from '@captioner/shared/client/index.ts';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Edge,
  freePort,
  type GpuWorker,
  makeKey,
  repoRoot,
  startEdge,
  startGpuWorker,
} from '../edge/harness.ts';

const samples = join(repoRoot, 'models/scenes-small/samples');
const scene = new Uint8Array(readFileSync(join(samples, 'test-comp-4000000.png')));
const otherScene = new Uint8Array(readFileSync(join(samples, 'test-style-3000001.png')));

const secret = makeKey('client', 'secret', { rate_per_minute: 6000, burst: 200 });
// One request at a time, one more a second: the second request in a row is refused with Retry-After: 1.
const trickle = makeKey('trickle', 'secret', { rate_per_minute: 60, burst: 1 });

let worker: GpuWorker;
let edge: Edge;
let workerless: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(join(repoRoot, 'models/scenes-small'));
  edge = await startEdge({ gpuWorkers: [worker.url], keys: [secret, trickle] });
  // A port nothing listens on: no GPU worker is reachable.
  workerless = await startEdge({ gpuWorkers: [`http://127.0.0.1:${await freePort()}`], keys: [secret] });
});
afterAll(async () => {
  await workerless?.dispose();
  await edge?.dispose();
  await worker?.stop();
});

const options = () => ({ endpoint: edge.url, key: secret.key, beams: 3 });

async function collect(events: AsyncIterable<CaptionStreamEvent>): Promise<CaptionStreamEvent[]> {
  const all: CaptionStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('captionImage and streamCaption against the real edge', () => {
  it('JSON, SSE and WebSocket give the same caption; streamed words spell it, in order, then one done', async () => {
    const json = await captionImage(scene, options());
    expect(json.caption).not.toBe('');
    expect(json.alternatives).toHaveLength(3);
    expect(json.alternatives[0]?.caption).toBe(json.caption);

    for (const transport of ['sse', 'websocket'] as const) {
      const events = await collect(streamCaption(scene, { ...options(), transport, WebSocket }));
      const last = events.at(-1);
      if (last?.type !== 'done') throw new Error(`${transport}: the stream did not end with done`);
      const words = events.slice(0, -1);
      expect(words.every((e) => e.type === 'word')).toBe(true);
      expect(words.map((e) => (e.type === 'word' ? e.index : -1))).toEqual(words.map((_, i) => i));
      expect(words.map((e) => (e.type === 'word' ? e.text : '')).join(' ')).toBe(json.caption);
      expect(last.result.caption).toBe(json.caption);
      expect(last.result.alternatives).toEqual(json.alternatives);
    }
  });

  it('takes a Blob with its type, and passes attention through', async () => {
    const events = await collect(
      streamCaption(new Blob([otherScene], { type: 'image/png' }), { ...options(), attention: true }),
    );
    const last = events.at(-1);
    if (last?.type !== 'done') throw new Error('no done event');
    expect(last.result.image).toEqual({ format: 'png', width: 128, height: 128 });
    const first = events[0];
    expect(first?.type === 'word' && first.attention !== undefined && first.attention.length > 0).toBe(true);
    expect(last.result.attention?.words.length).toBe(events.length - 1);
  });

  it('rejects with the API error code and status: bad key, SVG, over HTTP and over the socket', async () => {
    const badKey = await rejection(captionImage(scene, { ...options(), key: 'sk_not_a_key' }));
    expect(badKey).toBeInstanceOf(CaptionApiError);
    expect(badKey).toMatchObject({ code: 'unauthorized', status: 401 });

    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(await rejection(captionImage(svg, options()))).toMatchObject({
      code: 'unsupported_media_type',
      status: 415,
      message: 'SVG images are not supported; send JPEG, PNG, WebP or GIF',
    });
    const overSocket = await rejection(
      collect(streamCaption(svg, { ...options(), transport: 'websocket', WebSocket })),
    );
    expect(overSocket).toMatchObject({ code: 'unsupported_media_type', status: undefined });
  });

  it('refuses bad arguments at once, before sending anything', async () => {
    await expect(captionImage(scene, { ...options(), beams: 0 })).rejects.toThrow(
      new TypeError('beams must be a positive integer'),
    );
    await expect(captionImage(scene, { ...options(), endpoint: 'ftp://x' })).rejects.toThrow(TypeError);
    await expect(
      collect(
        streamCaption(
          { url: 'https://example.com/a.png' },
          { ...options(), transport: 'websocket', WebSocket },
        ),
      ),
    ).rejects.toThrow(
      new TypeError('the websocket transport sends image bytes; caption a { url } with the sse transport'),
    );
  });

  it('waits out a rate limit for exactly the Retry-After the edge sent, then succeeds', async () => {
    const trickleOptions = { endpoint: edge.url, key: trickle.key, beams: 1 };
    await captionImage(scene, trickleOptions);
    // Without retries the refusal surfaces with its code and Retry-After.
    const refused = await rejection(captionImage(scene, { ...trickleOptions, retries: 0 }));
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 1 });

    const retries: { attempt: number; delayMs: number; code: string }[] = [];
    const result = await captionImage(scene, {
      ...trickleOptions,
      onRetry: ({ attempt, delayMs, error }) => retries.push({ attempt, delayMs, code: error.code }),
    });
    expect(result.caption).not.toBe('');
    expect(retries[0]).toEqual({ attempt: 1, delayMs: 1000, code: 'rate_limited' });
  });

  it('retries backend_unavailable as often as allowed, then rejects with it', async () => {
    const retries: string[] = [];
    const error = await rejection(
      collect(
        streamCaption(scene, {
          endpoint: workerless.url,
          key: secret.key,
          retries: 2,
          onRetry: ({ error }) => retries.push(`${error.code} ${error.retryAfter}`),
        }),
      ),
    );
    expect(error).toMatchObject({ code: 'backend_unavailable', status: 503, retryAfter: 2 });
    expect(retries).toEqual(['backend_unavailable 2', 'backend_unavailable 2']);
  });

  it('network failures are network_error, not retried', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    let retried = false;
    const error = await rejection(
      captionImage(scene, { endpoint: closed, key: secret.key, onRetry: () => (retried = true) }),
    );
    expect(error).toMatchObject({ code: 'network_error' });
    expect(retried).toBe(false);
  });

  it('an AbortSignal cancels a stream mid-way and a caption before it starts, rejecting with its reason', async () => {
    for (const transport of ['sse', 'websocket'] as const) {
      const controller = new AbortController();
      const seen: CaptionStreamEvent[] = [];
      const error = await rejection(
        (async () => {
          for await (const event of streamCaption(scene, {
            ...options(),
            transport,
            WebSocket,
            signal: controller.signal,
          })) {
            seen.push(event);
            controller.abort(new Error(`stop ${transport}`));
          }
        })(),
      );
      expect(error).toEqual(new Error(`stop ${transport}`));
      expect(seen).toHaveLength(1);
      expect(seen[0]?.type).toBe('word');
    }
    const error = await rejection(captionImage(scene, { ...options(), signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('caption --url (the CLI through a running edge)', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'gpu-worker/src/cli/caption.ts', ...args],
        { cwd: repoRoot, env: { ...process.env, ...env } },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr }),
      );
    });
  const files = [join(samples, 'test-comp-4000000.png'), join(samples, 'test-style-3000001.png')];

  it('streams each file\'s caption as "file<TAB>words", the same captions as the client gets', async () => {
    const expected = await Promise.all(
      [scene, otherScene].map(async (image) => (await captionImage(image, options())).caption),
    );
    for (const transport of ['sse', 'websocket']) {
      const { code, stdout } = await run(
        ['--url', edge.url, '--beams', '3', '--transport', transport, ...files],
        { CAPTION_API_KEY: secret.key },
      );
      expect(code).toBe(0);
      expect(stdout).toBe(`${files[0]}\t${expected[0]}\n${files[1]}\t${expected[1]}\n`);
    }
    const json = await run([
      '--url',
      edge.url,
      '--key',
      secret.key,
      '--beams',
      '3',
      '--json',
      files[0] ?? '',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject([{ file: files[0], caption: expected[0] }]);
  });

  it('reports the API error code and exits 1', async () => {
    const { code, stdout, stderr } = await run(['--url', edge.url, '--key', 'sk_wrong', files[0] ?? '']);
    expect(code).toBe(1);
    expect(stdout).toBe(`${files[0]}\t`);
    expect(stderr).toBe('caption: unauthorized: the API key is not valid\n');
    const noKey = await run(['--url', edge.url, files[0] ?? ''], { CAPTION_API_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('--url needs an API key');
  });
});

describe('the client inside a Worker (workerd)', () => {
  it('captions, streams over SSE and over the runtime WebSocket', async () => {
    const bundled = await build({
      stdin: {
        contents: `
          import { captionImage, streamCaption } from './shared/src/client/index.ts';
          export default {
            async fetch(request) {
              const { endpoint, key, image } = await request.json();
              const bytes = Uint8Array.from(image);
              const options = { endpoint, key, beams: 3 };
              const out = { json: (await captionImage(bytes, options)).caption };
              for (const transport of ['sse', 'websocket']) {
                const words = [];
                for await (const event of streamCaption(bytes, { ...options, transport })) {
                  if (event.type === 'word') words.push(event.text);
                }
                out[transport] = words.join(' ');
              }
              return Response.json(out);
            },
          };`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      write: false,
    });
    const mf = new Miniflare({
      modules: true,
      script: bundled.outputFiles[0]?.text ?? '',
      compatibilityDate: '2026-04-26',
    });
    try {
      const response = await mf.dispatchFetch('http://worker.test/', {
        method: 'POST',
        body: JSON.stringify({ endpoint: edge.url, key: secret.key, image: [...scene] }),
      });
      const out = (await response.json()) as Record<string, string>;
      expect(out.json).not.toBe('');
      expect(out).toEqual({ json: out.json, sse: out.json, websocket: out.json });
    } finally {
      await mf.dispose();
    }
  });
});
