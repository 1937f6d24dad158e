// Keys, origins, CORS, rate limits and the concurrency cap, through the real runtime (Durable Objects included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { FaultProxy } from './fault-proxy.ts';
import { type Edge, type GpuWorker, makeKey, startEdge, startGpuWorker, waitFor } from './harness.ts';
import { encode } from './images.ts';

const ORIGIN = 'https://app.example';
const secret = makeKey('server', 'secret', { rate_per_minute: 10_000, burst: 1_000 });
const browser = makeKey('browser', 'publishable', {
  origins: [ORIGIN],
  rate_per_minute: 10_000,
  burst: 1_000,
});
const limited = makeKey('limited', 'secret', { rate_per_minute: 6, burst: 2 });
const single = makeKey('single', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 1 });
let worker: GpuWorker;
let proxy: FaultProxy;
let edge: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(exportTinyModel());
  proxy = await FaultProxy.start(worker.url);
  edge = await startEdge({ gpuWorkers: [proxy.url], keys: [secret, browser, limited, single] });
});
afterAll(async () => {
  await edge?.dispose();
  await proxy?.close();
  await worker?.stop();
});

function models(headers: Record<string, string>): Promise<Response> {
  return fetch(`${edge.url}/v1/models`, { headers });
}

async function expectError(
  response: Response,
  status: number,
  code: string,
  message?: string,
): Promise<void> {
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(body).toEqual({ error: { code, message: message ?? expect.any(String) } });
}

describe('secret keys', () => {
  it('serves a valid key', async () => {
    const response = await models({ authorization: `Bearer ${secret.key}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: [
        {
          id: 'model',
          input_width: 32,
          input_height: 32,
          max_beams: 8,
          max_words: 14,
          supports_attention: true,
        },
      ],
    });
  });

  it('refuses a missing, malformed or unknown key with 401 and WWW-Authenticate', async () => {
    const missing = await models({});
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="captions"');
    await expectError(missing, 401, 'unauthorized', 'send your API key as "Authorization: Bearer <key>"');
    await expectError(await models({ authorization: `Basic ${secret.key}` }), 401, 'unauthorized');
    await expectError(
      await models({ authorization: `Bearer ${secret.key}x` }),
      401,
      'unauthorized',
      'the API key is not valid',
    );
  });

  it('answers unknown routes with 404 not_found in the same error shape', async () => {
    await expectError(await fetch(`${edge.url}/v2/nothing`), 404, 'not_found');
  });
});

describe('publishable keys and CORS', () => {
  it('works from its configured origin, with CORS headers', async () => {
    const response = await models({ authorization: `Bearer ${browser.key}`, origin: ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('is refused with 403 forbidden_origin from another origin or without one', async () => {
    await expectError(
      await models({ authorization: `Bearer ${browser.key}`, origin: 'https://evil.example' }),
      403,
      'forbidden_origin',
      'origin https://evil.example is not allowed for key browser',
    );
    await expectError(await models({ authorization: `Bearer ${browser.key}` }), 403, 'forbidden_origin');
  });

  it('keeps CORS headers on error answers, so the browser can read them', async () => {
    const response = await fetch(`${edge.url}/v1/captions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${browser.key}`, origin: ORIGIN, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    await expectError(response, 415, 'unsupported_media_type');
  });

  it('answers preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${edge.url}/v1/captions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('abuse limits', () => {
  it('rate-limits per key with 429 and Retry-After, leaving other keys alone', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await models({ authorization: `Bearer ${limited.key}` });
      statuses.push(last.status);
      if (i < 2) await last.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 429]);
    // 6 a minute: the next token is 10 s away.
    expect(last?.headers.get('retry-after')).toBe('10');
    await expectError(last as Response, 429, 'rate_limited');
    expect((await models({ authorization: `Bearer ${secret.key}` })).status).toBe(200);
  });

  it('caps captions in flight per key: a second concurrent caption gets 429 until the first ends', async () => {
    const png = await encode('png', 32, 32);
    const post = () =>
      fetch(`${edge.url}/v1/captions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${single.key}`, 'content-type': 'image/png' },
        body: png,
      });
    const captionsSent = () => proxy.messages('toWorker').filter((m) => m.type === 'caption').length;
    const before = captionsSent();
    proxy.allow = (direction) => direction !== 'toWorker';
    const first = post();
    await waitFor(
      () => proxy.frames.filter((f) => f.direction === 'toWorker').length > 0 && captionsSent() > before,
    );
    const second = await post();
    expect(second.headers.get('retry-after')).toBe('1');
    await expectError(
      second,
      429,
      'rate_limited',
      'this key already has 1 captions in flight (limit 1); wait for one to finish',
    );
    proxy.release();
    expect((await first).status).toBe(200);
    expect((await post()).status).toBe(200);
  });
});
