// POST /v1/captions end to end: the edge in workerd → relay Durable Object → a real GPU worker process → back.
import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_STATUS } from '../../../edge/src/errors/api-error.ts';
import {
  CaptionResponseSchema,
  ErrorBodySchema,
  HealthResponseSchema,
  ModelsResponseSchema,
  TokenResponseSchema,
} from '../../../edge/src/openapi/schemas.ts';
import { signedToken, TestClient } from '../../../gpu-worker/test/server/test-client.ts';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { FaultProxy } from './fault-proxy.ts';
import {
  type CaptionBody,
  type Edge,
  type GpuWorker,
  jsonOf,
  makeKey,
  readSse,
  startEdge,
  startGpuWorker,
  WORKER_SECRET,
  waitFor,
  workerMetric,
} from './harness.ts';
import { encode } from './images.ts';

const key = makeKey('test', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 32 });
let worker: GpuWorker;
let proxy: FaultProxy;
let edge: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(exportTinyModel());
  // The proxy only observes here (and holds traffic in the cancellation tests).
  proxy = await FaultProxy.start(worker.url);
  edge = await startEdge({ gpuWorkers: [proxy.url], keys: [key] });
});
afterAll(async () => {
  await edge?.dispose();
  await proxy?.close();
  await worker?.stop();
});

function post(
  body: RequestInit['body'],
  headers: Record<string, string>,
  query = '',
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${edge.url}/v1/captions${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, ...headers },
    body,
    signal,
  });
}

async function inFlightAtEdge(): Promise<number> {
  const health = (await (await fetch(`${edge.url}/healthz`)).json()) as { gpu_workers: { inFlight: number } };
  return health.gpu_workers.inFlight;
}

describe('POST /v1/captions relays to the GPU worker', () => {
  it('answers JSON with the caption the worker gives for the same pixels resized in Node', async () => {
    const png = await encode('png', 80, 60);
    const response = await post(png, { 'content-type': 'image/png' }, '?beams=3&alternatives=3&max_words=8');
    const body = await jsonOf<CaptionBody>(response);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ model: 'model', image: { format: 'png', width: 80, height: 60 } });
    expect(body.id).toMatch(/^cap_[0-9a-f]{24}$/);
    expect(body.alternatives).toHaveLength(3);
    expect(body.alternatives[0]?.caption).toBe(body.caption);
    expect(body.timings.total_ms).toBeGreaterThanOrEqual(body.timings.worker_ms);

    // The same image decoded by libvips and resized with the shared Pillow-exact resize, sent straight to the
    // worker: same pixels, so the same caption and scores.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const direct = await TestClient.connect(`${worker.url.replace('http', 'ws')}/ws`, {
      token: await signedToken(WORKER_SECRET),
    });
    const hello = await direct.hello();
    const pixels = resizeBilinear(
      { width: info.width, height: info.height, data: new Uint8Array(data) },
      hello.model.inputWidth,
      hello.model.inputHeight,
    );
    direct.caption('direct', pixels, { beams: 3, alternatives: 3, maxWords: 8 });
    const expected = await direct.final('direct', 30_000);
    await direct.close();
    if (expected.type !== 'result') throw new Error(JSON.stringify(expected));
    expect(body.caption).toBe(expected.caption);
    expect(body.alternatives).toEqual(expected.alternatives);
  });

  it('streams SSE: words in order, then one done whose caption the words spell', async () => {
    const jpeg = await encode('jpeg', 64, 48);
    const response = await post(
      jpeg,
      { 'content-type': 'image/jpeg', accept: 'text/event-stream' },
      '?max_words=8',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = await readSse(response);
    const words = events
      .filter((e) => e.event === 'word')
      .map((e) => e.data as { index: number; text: string });
    expect(events.map((e) => e.event)).toEqual([...words.map(() => 'word'), 'done']);
    expect(words.map((w) => w.index)).toEqual(words.map((_, i) => i));
    const done = events.at(-1)?.data as { caption: string; alternatives: unknown[] };
    expect(words.map((w) => w.text).join(' ')).toBe(done.caption);
    expect(done.alternatives).toHaveLength(3); // default beams 3, alternatives = beams
  });

  it('streams with stream=true too, and attention maps when asked', async () => {
    const png = await encode('png', 32, 32);
    const response = await post(png, { 'content-type': 'image/png' }, '?stream=true&attention=true&beams=1');
    const events = await readSse(response);
    const word = events.find((e) => e.event === 'word')?.data as { attention: number[] };
    const done = events.at(-1)?.data as {
      attention: { rows: number; cols: number; words: { weights: number[] }[] };
    };
    expect(events.at(-1)?.event).toBe('done');
    expect(word.attention).toHaveLength(done.attention.rows * done.attention.cols);
    expect(done.attention.words[0]?.weights).toEqual(word.attention);
  });

  it('multiplexes concurrent requests over one WebSocket to the worker', async () => {
    const before = proxy.frames.length;
    const images = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => encode('png', 20 + i, 30)));
    const responses = await Promise.all(images.map((png) => post(png, { 'content-type': 'image/png' })));
    expect(responses.map((r) => r.status)).toEqual(images.map(() => 200));
    expect(await workerMetric(worker, 'caption_worker_open_connections')).toBe(1);
    const captions = proxy.frames.slice(before).filter((f) => f.frame.text?.includes('"type":"caption"'));
    expect(captions).toHaveLength(10);
  });

  it('cancels upstream when an SSE client disconnects mid-stream', async () => {
    const isWord = (text: string | undefined) => text?.includes('"type":"word"') === true;
    const isResult = (text: string | undefined) => text?.includes('"type":"result"') === true;
    // One word reaches the edge; the rest waits in the proxy.
    let words = 1;
    proxy.allow = (direction, frame) => {
      if (direction !== 'toEdge' || !isWord(frame.text)) return true;
      if (words === 0) return false;
      words -= 1;
      return true;
    };
    const abort = new AbortController();
    const response = await post(
      await encode('png', 32, 32),
      { 'content-type': 'image/png', accept: 'text/event-stream' },
      '',
      abort.signal,
    );
    const reader = response.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toContain('event: word');
    abort.abort();
    // The next words reach the edge, whose writes to the vanished client fail; the result stays held, so the
    // request is still in flight on the worker when the edge cancels it.
    proxy.allow = (direction, frame) => direction !== 'toEdge' || !isResult(frame.text);
    proxy.pump();
    await waitFor(() => proxy.messages('toWorker').at(-1)?.type === 'cancel');
    const sent = proxy.messages('toWorker');
    const caption = sent.filter((m) => m.type === 'caption').at(-1);
    expect(sent.at(-1)).toEqual({ type: 'cancel', id: caption?.id });
    await waitFor(async () => (await inFlightAtEdge()) === 0);
    proxy.release();
  });
});

describe('GET /openapi.json', () => {
  it('documents every route and error code, with the response schemas the edge really sends', async () => {
    const response = await fetch(`${edge.url}/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await jsonOf<{
      openapi: string;
      paths: Record<string, unknown>;
      info: { description: string };
    }>(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/healthz',
        '/openapi.json',
        '/v1/captions',
        '/v1/captions/ws',
        '/v1/models',
        '/v1/tokens',
      ].sort(),
    );
    for (const [code, status] of Object.entries(API_ERROR_STATUS)) {
      expect(doc.info.description).toContain(`${code} (${status})`);
    }

    const auth = { authorization: `Bearer ${key.key}` };
    const png = await encode('png', 32, 32);
    const json = await post(png, { 'content-type': 'image/png' }, '?attention=true');
    CaptionResponseSchema.parse(await json.json());
    const sse = await readSse(await post(png, { 'content-type': 'image/png' }, '?stream=true'));
    CaptionResponseSchema.parse(sse.at(-1)?.data);
    ModelsResponseSchema.parse(await (await fetch(`${edge.url}/v1/models`, { headers: auth })).json());
    TokenResponseSchema.parse(
      await (await fetch(`${edge.url}/v1/tokens`, { method: 'POST', headers: auth })).json(),
    );
    HealthResponseSchema.parse(await (await fetch(`${edge.url}/healthz`)).json());
    ErrorBodySchema.parse(await (await post(png, { 'content-type': 'text/plain' })).json());
  });
});
