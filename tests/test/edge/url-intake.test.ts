// {"url": …} intake: public http(s) only, redirects re-checked, size and time limits. The image server runs on
// loopback, so one edge runs with the development flag ALLOW_LOOPBACK_URLS and one without.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import {
  type CaptionBody,
  type Edge,
  type ErrorBody,
  type GpuWorker,
  jsonOf,
  makeKey,
  startEdge,
  startGpuWorker,
} from './harness.ts';
import { encode } from './images.ts';

const key = makeKey('test', 'secret', { rate_per_minute: 10_000, burst: 1_000 });
const MAX_IMAGE_BYTES = 100_000;
let worker: GpuWorker;
let devEdge: Edge;
let edge: Edge;
let server: Server;
let origin = '';
let png: Buffer;
const hits: string[] = [];

beforeAll(async () => {
  png = await encode('png', 40, 30);
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/cat.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    } else if (request.url === '/hop') {
      response.writeHead(302, { location: '/cat.png' }).end();
    } else if (request.url === '/to-metadata') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (request.url === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else if (request.url === '/huge') {
      // No Content-Length: the limit must hold while streaming.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(png);
      response.end(Buffer.alloc(MAX_IMAGE_BYTES, 1));
    } else if (request.url === '/slow') {
      // Never answers.
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
  worker = await startGpuWorker(exportTinyModel());
  const vars = { MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES), URL_FETCH_TIMEOUT_MS: '1500' };
  devEdge = await startEdge({
    gpuWorkers: [worker.url],
    keys: [key],
    vars: { ...vars, ALLOW_LOOPBACK_URLS: 'true' },
  });
  edge = await startEdge({ gpuWorkers: [worker.url], keys: [key], vars });
});
afterAll(async () => {
  await devEdge?.dispose();
  await edge?.dispose();
  await worker?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

function captionUrl(target: Edge, url: string): Promise<Response> {
  return fetch(`${target.url}/v1/captions?beams=2`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
}

async function refusal(response: Response, status = 400): Promise<ErrorBody['error']> {
  const body = await jsonOf<ErrorBody>(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body.error;
}

describe('URL intake', () => {
  it('fetches an image (and follows a redirect) with the loopback flag on, captioning it as an upload', async () => {
    const upload = await jsonOf<CaptionBody>(
      await fetch(`${devEdge.url}/v1/captions?beams=2`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/png' },
        body: png,
      }),
    );
    for (const path of ['/cat.png', '/hop']) {
      const response = await captionUrl(devEdge, `${origin}${path}`);
      const body = await jsonOf<CaptionBody>(response);
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(body.alternatives).toEqual(upload.alternatives);
    }
  });

  it('refuses loopback without the flag, before any request is made', async () => {
    const before = hits.length;
    expect(await refusal(await captionUrl(edge, `${origin}/cat.png`))).toEqual({
      code: 'invalid_request',
      message: '127.0.0.1 is a loopback address; only public addresses are fetched',
    });
    expect(hits.length).toBe(before);
  });

  it('refuses private, link-local and disguised addresses, other schemes and credentials', async () => {
    for (const url of [
      'http://10.0.0.1/cat.png',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:7f00:1]/',
      'http://2130706433/',
      'http://100.64.0.1/',
      'http://printer.local/',
    ]) {
      const error = await refusal(await captionUrl(edge, url));
      expect(error.message, url).toMatch(/is a (private|loopback) address/);
    }
    expect((await refusal(await captionUrl(edge, 'file:///etc/passwd'))).message).toBe(
      'only http and https URLs are fetched, not file:',
    );
    expect((await refusal(await captionUrl(devEdge, `http://user:pw@127.0.0.1:1/`))).message).toBe(
      'URLs with credentials are not fetched',
    );
  });

  it('re-checks every redirect: a public-looking hop to the metadata service is refused', async () => {
    expect((await refusal(await captionUrl(devEdge, `${origin}/to-metadata`))).message).toBe(
      '169.254.169.254 is a private address; only public addresses are fetched',
    );
    expect((await refusal(await captionUrl(devEdge, `${origin}/loop`))).message).toBe(
      'the URL redirected more than 3 times',
    );
  });

  it('enforces the size and time limits, and reports failed fetches', async () => {
    expect((await refusal(await captionUrl(devEdge, `${origin}/huge`), 413)).code).toBe('payload_too_large');
    expect((await refusal(await captionUrl(devEdge, `${origin}/slow`))).message).toBe(
      'the URL did not answer within 1500 ms',
    );
    expect((await refusal(await captionUrl(devEdge, `${origin}/missing`))).message).toBe(
      'fetching the URL failed: it answered 404',
    );
  });
});
