// GET /v1/captions/ws: short-lived tokens (query or subprotocol), many requests per socket, cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { FaultProxy } from './fault-proxy.ts';
import {
  type CaptionBody,
  type Edge,
  type GpuWorker,
  jsonOf,
  makeKey,
  startEdge,
  startGpuWorker,
  waitFor,
} from './harness.ts';
import { encode } from './images.ts';

const ORIGIN = 'https://app.example';
const secret = makeKey('server', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 16 });
const browser = makeKey('browser', 'publishable', {
  origins: [ORIGIN],
  rate_per_minute: 10_000,
  burst: 1_000,
});
let worker: GpuWorker;
let proxy: FaultProxy;
let edge: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(exportTinyModel());
  proxy = await FaultProxy.start(worker.url);
  edge = await startEdge({ gpuWorkers: [proxy.url], keys: [secret, browser] });
});
afterAll(async () => {
  await edge?.dispose();
  await proxy?.close();
  await worker?.stop();
});

type ServerMessage = {
  type: string;
  id?: string;
  request_id?: string;
  code?: string;
  message?: string;
  text?: string;
} & Partial<CaptionBody>;

class Client {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<number>;
  #waiters: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)));
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  static open(
    url: string,
    options: { protocols?: string[]; headers?: Record<string, string> } = {},
  ): Promise<Client> {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    const client = new Client(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`status ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  caption(id: string, image: Buffer, options: Record<string, unknown> = {}): void {
    this.socket.send(JSON.stringify({ type: 'caption', id, ...options }));
    this.socket.send(image);
  }

  async final(id: string, timeoutMs = 20_000): Promise<ServerMessage> {
    const until = Date.now() + timeoutMs;
    while (true) {
      const found = this.messages.find(
        (m) => (m.type === 'done' && m.request_id === id) || (m.type === 'error' && m.id === id),
      );
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`no final event for ${id}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  wordsOf(id: string): string[] {
    return this.messages.filter((m) => m.type === 'word' && m.id === id).map((m) => m.text ?? '');
  }
}

async function mintToken(key: string, origin?: string): Promise<string> {
  const response = await fetch(`${edge.url}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(origin === undefined ? {} : { origin }) },
  });
  const body = await jsonOf<{ token: string; expires_in: number }>(response);
  expect(response.status).toBe(200);
  expect(body.expires_in).toBe(60);
  return body.token;
}

const wsUrl = (query = '') => `${edge.url.replace('http', 'ws')}/v1/captions/ws${query}`;

describe('GET /v1/captions/ws', () => {
  it('runs several requests at once on one socket, each ending in its own done, with the HTTP caption', async () => {
    const token = await mintToken(browser.key, ORIGIN);
    const client = await Client.open(wsUrl(`?token=${token}`), { headers: { origin: ORIGIN } });
    const images = await Promise.all([30, 40, 50].map((w) => encode('png', w, 32)));
    for (const [i, image] of images.entries()) client.caption(`req-${i}`, image, { beams: 2 });
    for (const [i, image] of images.entries()) {
      const done = await client.final(`req-${i}`);
      expect(done.type, JSON.stringify(done)).toBe('done');
      expect(client.wordsOf(`req-${i}`).join(' ')).toBe(done.caption);
      const http = await jsonOf<CaptionBody>(
        await fetch(`${edge.url}/v1/captions?beams=2`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret.key}`, 'content-type': 'image/png' },
          body: image,
        }),
      );
      // Batched with the other two on the worker vs alone: same words, scores equal up to float32 summation order.
      expect(done.alternatives?.map((a) => a.caption)).toEqual(http.alternatives.map((a) => a.caption));
      for (const [k, a] of (done.alternatives ?? []).entries()) {
        expect(a.score).toBeCloseTo(http.alternatives[k]?.score ?? Number.NaN, 4);
      }
    }
    client.socket.close();
    await client.closed;
  });

  it('takes the token as a subprotocol and selects captions.v1', async () => {
    const token = await mintToken(secret.key);
    const client = await Client.open(wsUrl(), { protocols: ['captions.v1', `token.${token}`] });
    expect(client.socket.protocol).toBe('captions.v1');
    client.caption('one', await encode('jpeg', 32, 32));
    expect((await client.final('one')).type).toBe('done');
    client.socket.close();
  });

  it('accepts a secret key header from server-side clients', async () => {
    const client = await Client.open(wsUrl(), { headers: { authorization: `Bearer ${secret.key}` } });
    client.caption('one', await encode('png', 32, 32));
    expect((await client.final('one')).type).toBe('done');
    client.socket.close();
  });

  it('refuses the upgrade without a token (401), with a bad one (401), and from another origin (403)', async () => {
    await expect(Client.open(wsUrl())).rejects.toThrow('status 401');
    await expect(Client.open(wsUrl('?token=cwt1.e30.AAAA'))).rejects.toThrow('status 401');
    const token = await mintToken(browser.key, ORIGIN);
    await expect(
      Client.open(wsUrl(`?token=${token}`), { headers: { origin: 'https://evil.example' } }),
    ).rejects.toThrow('status 403');
  });

  it('answers protocol mistakes and bad images with error events, and keeps the socket open', async () => {
    const client = await Client.open(wsUrl(), { headers: { authorization: `Bearer ${secret.key}` } });
    client.socket.send('not json');
    client.socket.send(Buffer.from([1, 2, 3]));
    client.caption('svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    client.caption('opts', await encode('png', 8, 8), { beams: 99 });
    expect(await client.final('svg')).toMatchObject({ type: 'error', code: 'unsupported_media_type' });
    expect(await client.final('opts')).toMatchObject({ type: 'error', code: 'invalid_request' });
    client.caption('after', await encode('png', 32, 32));
    expect((await client.final('after')).type).toBe('done');
    // Counted once 'after' is done, so every earlier answer has arrived (one socket keeps order): the text that is
    // not JSON, the stray binary frame, and the image frame that followed the refused 'opts' caption.
    expect(
      client.messages.filter((m) => m.type === 'error' && m.id === undefined).map((m) => m.message),
    ).toEqual([
      'text frames must be JSON messages',
      'a binary frame must follow a caption message',
      'a binary frame must follow a caption message',
    ]);
    client.socket.close();
  });

  it('cancels upstream on a cancel message and when the socket closes mid-stream', async () => {
    const isWord = (text: string | undefined) => text?.includes('"type":"word"') === true;
    const lastCaptionId = () =>
      proxy
        .messages('toWorker')
        .filter((m) => m.type === 'caption')
        .at(-1)?.id;
    const client = await Client.open(wsUrl(), { headers: { authorization: `Bearer ${secret.key}` } });

    // One word reaches the edge, the rest is held: the request is mid-stream when the client cancels.
    let words = 1;
    proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text) || words-- > 0;
    client.caption('to-cancel', await encode('png', 32, 32));
    await waitFor(() => client.wordsOf('to-cancel').length === 1);
    client.socket.send(JSON.stringify({ type: 'cancel', id: 'to-cancel' }));
    expect(await client.final('to-cancel')).toMatchObject({ type: 'error', code: 'cancelled' });
    await waitFor(() => proxy.messages('toWorker').at(-1)?.type === 'cancel');
    expect(proxy.messages('toWorker').at(-1)).toEqual({ type: 'cancel', id: lastCaptionId() });
    proxy.release();

    words = 1;
    proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text) || words-- > 0;
    client.caption('to-abandon', await encode('png', 32, 32));
    await waitFor(() => client.wordsOf('to-abandon').length === 1);
    client.socket.terminate();
    await waitFor(() => proxy.messages('toWorker').at(-1)?.type === 'cancel');
    expect(proxy.messages('toWorker').at(-1)).toEqual({ type: 'cancel', id: lastCaptionId() });
    proxy.release();
  });
});
