// GPU workers that die: before the first word the request is retried on another worker; after words have
// streamed the client gets an error; with no worker reachable the edge answers 503.
import { afterEach, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { FaultProxy } from './fault-proxy.ts';
import {
  type CaptionBody,
  type Edge,
  type ErrorBody,
  type GpuWorker,
  jsonOf,
  makeKey,
  readSse,
  startEdge,
  startGpuWorker,
  waitFor,
} from './harness.ts';
import { encode } from './images.ts';

const key = makeKey('test', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 16 });
const modelDir = exportTinyModel();
const cleanup: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function workerBehindProxy(): Promise<{ worker: GpuWorker; proxy: FaultProxy }> {
  const worker = await startGpuWorker(modelDir);
  const proxy = await FaultProxy.start(worker.url);
  cleanup.push(
    () => worker.stop('SIGKILL'),
    () => proxy.close(),
  );
  return { worker, proxy };
}

async function edgeFor(urls: string[]): Promise<Edge> {
  const edge = await startEdge({ gpuWorkers: urls, keys: [key] });
  cleanup.push(() => edge.dispose());
  return edge;
}

function post(edge: Edge, headers: Record<string, string>, body: RequestInit['body']): Promise<Response> {
  return fetch(`${edge.url}/v1/captions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/png', ...headers },
    body,
  });
}

const isWord = (text: string | undefined) => text?.includes('"type":"word"') === true;
const isHello = (text: string | undefined) => text?.includes('"type":"hello"') === true;

describe('a GPU worker killed', () => {
  it('mid-stream: the SSE client gets its words, then one error event and no done', async () => {
    const { worker, proxy } = await workerBehindProxy();
    const edge = await edgeFor([proxy.url]);
    // Two words reach the edge; then the worker is killed with the rest of its stream still in the proxy.
    let words = 2;
    proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text) || words-- > 0;
    const response = await post(edge, { accept: 'text/event-stream' }, await encode('png', 32, 32));
    expect(response.status).toBe(200);
    await waitFor(
      () =>
        proxy.frames.filter((f) => f.direction === 'toEdge' && f.frame.text?.includes('result')).length > 0,
    );
    await worker.stop('SIGKILL');
    const events = await readSse(response);
    expect(events.map((e) => e.event)).toEqual(['word', 'word', 'error']);
    expect(events[2]?.data).toEqual({
      code: 'backend_error',
      message: 'the GPU worker was lost after 2 words; send the request again',
    });
  });

  it('mid-stream with a JSON client: 502 backend_error', async () => {
    const { worker, proxy } = await workerBehindProxy();
    const edge = await edgeFor([proxy.url]);
    let words = 1;
    proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text) || words-- > 0;
    const pending = post(edge, {}, await encode('png', 32, 32));
    await waitFor(() => words < 0);
    await worker.stop('SIGKILL');
    const response = await pending;
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        code: 'backend_error',
        message: 'the GPU worker was lost after 1 words; send the request again',
      },
    });
  });

  it('before the first word: the request is retried once on the other worker and succeeds', async () => {
    const a = await workerBehindProxy();
    const b = await workerBehindProxy();
    const edge = await edgeFor([a.proxy.url, b.proxy.url]);
    // Both workers say hello, then nothing more reaches the edge until one is killed.
    for (const { proxy } of [a, b])
      proxy.allow = (direction, frame) => direction !== 'toEdge' || isHello(frame.text);
    const pending = post(edge, {}, await encode('png', 32, 32));
    const took = () =>
      [a, b].find(({ proxy }) => proxy.messages('toWorker').some((m) => m.type === 'caption'));
    await waitFor(() => took() !== undefined);
    const first = took();
    const other = first === a ? b : a;
    await first?.worker.stop('SIGKILL');
    other.proxy.release();
    const response = await pending;
    const body = await jsonOf<CaptionBody>(response);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.caption).toEqual(expect.any(String));
    expect(other.proxy.messages('toWorker').filter((m) => m.type === 'caption')).toHaveLength(1);
  });

  it('with no worker reachable: 503 backend_unavailable with Retry-After', async () => {
    const { worker, proxy } = await workerBehindProxy();
    const edge = await edgeFor([proxy.url]);
    await worker.stop('SIGKILL');
    await proxy.close();
    const response = await post(edge, {}, await encode('png', 32, 32));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const body = await jsonOf<ErrorBody>(response);
    expect(body.error.code).toBe('backend_unavailable');
    const health = await fetch(`${edge.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', gpu_workers: { healthy: 0, total: 1 } });
  });
});
