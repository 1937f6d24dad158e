// Fuzzing the public WebSocket (`GET /v1/captions/ws`) through the real edge in workerd and a real GPU worker:
// sequences of mutated `caption` and `cancel` messages, image frames (valid, corrupt, random, empty, over the byte
// limit), random JSON, text and binary. Every answer must be a well-formed `word`/`done`/`error` message with a known
// code, every caption the client can name must end in exactly one `done` or `error` with nothing after it, no
// server-side failure may show, the socket must stay open, and a normal caption must still work afterwards.
import { isRequestId } from '@captioner/shared/protocol/index.ts';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_MODEL_DIR } from '../../../gpu-worker/src/cli/default-model.ts';
import { FaultProxy } from '../edge/fault-proxy.ts';
import { type Edge, type GpuWorker, makeKey, startEdge, startGpuWorker, waitFor } from '../edge/harness.ts';
import { encode } from '../edge/images.ts';
import { CaseCounter, runs } from './case-count.ts';
import { fieldMutation, type JsonObject, junkBinary, junkText, mutate } from './protocol-fuzz.ts';

const MAX_IMAGE_BYTES = 50_000;
const key = makeKey('fuzz', 'secret', { rate_per_minute: 1_000_000, burst: 100_000, max_concurrent: 64 });
const counter = new CaseCounter('client WebSocket fuzzing (edge)');
/** Codes a client may see for its own mistakes; the server-side ones (5xx) must not appear. */
const CLIENT_CODES = [
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_image',
  'cancelled',
];
let worker: GpuWorker;
let proxy: FaultProxy;
let edge: Edge;
let png: Buffer;

beforeAll(async () => {
  png = await encode('png', 48, 36);
  worker = await startGpuWorker(DEFAULT_MODEL_DIR);
  proxy = await FaultProxy.start(worker.url);
  edge = await startEdge({
    gpuWorkers: [proxy.url],
    keys: [key],
    vars: { MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES) },
  });
});
afterAll(async () => {
  console.log(counter.report());
  await edge?.dispose();
  await proxy?.close();
  await worker?.stop();
});

type Message = JsonObject & { type?: unknown; id?: unknown; request_id?: unknown; code?: unknown };

class Client {
  readonly messages: Message[] = [];
  readonly malformed: string[] = [];
  closed = false;
  #wake: (() => void)[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      try {
        if (isBinary) throw new Error('binary frame');
        const message = JSON.parse(String(data)) as Message;
        if (typeof message !== 'object' || message === null) throw new Error('not an object');
        this.messages.push(message);
      } catch {
        this.malformed.push(String(data).slice(0, 200));
      }
      for (const wake of this.#wake.splice(0)) wake();
    });
    socket.on('close', () => {
      this.closed = true;
    });
  }

  static open(): Promise<Client> {
    const socket = new WebSocket(`${edge.url.replace('http', 'ws')}/v1/captions/ws`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    const client = new Client(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  eventsFor(id: string): Message[] {
    return this.messages.filter((m) => m.id === id || m.request_id === id);
  }

  finalsFor(id: string): Message[] {
    return this.eventsFor(id).filter((m) => m.type === 'done' || m.type === 'error');
  }

  async final(id: string, timeoutMs = 30_000): Promise<Message> {
    const until = Date.now() + timeoutMs;
    while (this.finalsFor(id).length === 0) {
      if (Date.now() > until)
        throw new Error(`no final event for ${id}: ${JSON.stringify(this.eventsFor(id))}`);
      await new Promise<void>((resolve) => {
        this.#wake.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.finalsFor(id)[0] as Message;
  }
}

type ImageKind = 'none' | 'valid' | 'truncated' | 'random' | 'empty' | 'over the limit';
type Action =
  | {
      kind: 'caption';
      mutation: Parameters<typeof mutate>[1];
      image: ImageKind;
      beams: number;
      words: number;
      attention: boolean;
    }
  | { kind: 'cancel'; mutation: Parameters<typeof mutate>[1]; target: number }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('caption' as const),
      mutation: fieldMutation,
      image: fc.constantFrom<ImageKind>(
        'none',
        'valid',
        'valid',
        'valid',
        'truncated',
        'random',
        'empty',
        'over the limit',
      ),
      beams: fc.integer({ min: 1, max: 3 }),
      words: fc.integer({ min: 1, max: 10 }),
      attention: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('cancel' as const), mutation: fieldMutation, target: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), text: junkText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('binary' as const), bytes: junkBinary }) },
);

let nextId = 0;

function imageBytes(kind: ImageKind): Uint8Array {
  if (kind === 'valid') return png;
  if (kind === 'truncated') return png.subarray(0, png.length >> 1);
  if (kind === 'random') return new Uint8Array(500).map((_, i) => (i * 151 + 7) & 255);
  if (kind === 'empty') return new Uint8Array(0);
  return new Uint8Array(MAX_IMAGE_BYTES + 1);
}

/**
 * Sends the actions; returns the ids of captions the client can name (type caption, a valid id), less any id a
 * mutation happened to use twice (an id may be reused once its request has ended, and then has two finals).
 */
function send(client: Client, actions: Action[]): string[] {
  const named: string[] = [];
  const reused = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'text') {
      client.socket.send(a.text);
      counter.add('text: random JSON or text');
    } else if (a.kind === 'binary') {
      client.socket.send(a.bytes, { binary: true });
      counter.add('binary: random frame');
    } else if (a.kind === 'cancel') {
      const target = named.length > 0 ? named[a.target % named.length] : `none-${a.target}`;
      client.socket.send(JSON.stringify(mutate({ type: 'cancel', id: target }, a.mutation)));
      counter.add(`cancel (${a.mutation.op})`);
    } else {
      const base: JsonObject = {
        type: 'caption',
        id: `c-${nextId++}`,
        beams: a.beams,
        max_words: a.words,
        attention: a.attention,
      };
      const message = mutate(base, a.mutation);
      client.socket.send(JSON.stringify(message));
      counter.add(`caption (${a.mutation.op})`);
      if (message.type === 'caption' && isRequestId(message.id)) {
        if (named.includes(message.id)) reused.add(message.id);
        else named.push(message.id);
      }
      if (a.image !== 'none') {
        client.socket.send(imageBytes(a.image), { binary: true });
        counter.add(`image frame: ${a.image}`);
      }
    }
  }
  return named.filter((id) => !reused.has(id));
}

function checkShape(m: Message): void {
  if (m.type === 'word') {
    expect(typeof m.id === 'string' && typeof m.index === 'number' && typeof m.text === 'string').toBe(true);
  } else if (m.type === 'done') {
    expect(typeof m.request_id === 'string' && typeof m.caption === 'string').toBe(true);
  } else {
    expect(m.type).toBe('error');
    expect(CLIENT_CODES, JSON.stringify(m)).toContain(m.code);
    expect(typeof m.message).toBe('string');
    if (m.id !== undefined) expect(isRequestId(m.id)).toBe(true);
  }
}

describe('client WebSocket fuzzing', () => {
  it('answers every mutated sequence with well-formed events, one final per caption, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const client = await Client.open();
        const named = send(client, actions);
        // A normal caption last: it also ends a caption still waiting for its image.
        const probe = `probe-${nextId++}`;
        client.socket.send(JSON.stringify({ type: 'caption', id: probe, beams: 1 }));
        client.socket.send(png, { binary: true });
        expect(await client.final(probe)).toMatchObject({ type: 'done' });
        for (const id of named) await client.final(id);

        expect(client.malformed).toEqual([]);
        for (const m of client.messages) checkShape(m);
        for (const id of named) {
          const finals = client.finalsFor(id);
          expect(finals.length, `${id}: ${JSON.stringify(client.eventsFor(id))}`).toBe(1);
          expect(client.eventsFor(id).at(-1), `${id}: events after the final one`).toBe(finals[0]);
        }
        expect(client.closed).toBe(false);
        for (const m of client.messages)
          if (m.type === 'error') counter.add(`edge answered: ${String(m.code)}`);
        client.socket.close();
      }),
      { numRuns: runs(30) },
    );
    expect(worker.child.exitCode).toBeNull();
  });

  it('keeps a request in flight the only owner of its id: a malformed cancel or a caption naming it is refused without the id', async () => {
    const client = await Client.open();
    // Held on its way to the GPU worker, the request stays in flight for as long as the test needs.
    proxy.allow = (direction) => direction !== 'toWorker';
    try {
      client.socket.send(JSON.stringify({ type: 'caption', id: 'live', beams: 1 }));
      client.socket.send(png, { binary: true });
      client.socket.send(JSON.stringify({ type: 'cancel', id: 'live', force: true }));
      client.socket.send(JSON.stringify({ type: 'caption', id: 'live', beams: 99 }));
      client.socket.send(JSON.stringify({ type: 'caption', id: 'live', beams: 1 }));
      await waitFor(() => client.messages.length >= 3);
      expect(client.messages.map((m) => [m.type, m.id, m.code])).toEqual([
        ['error', undefined, 'invalid_request'],
        ['error', undefined, 'invalid_request'],
        ['error', undefined, 'invalid_request'],
      ]);
      expect(client.messages[2]?.message).toBe(
        'request live is already in flight; choose an id no request in flight uses',
      );
    } finally {
      proxy.release();
    }
    expect(await client.final('live')).toMatchObject({ type: 'done', request_id: 'live' });
    expect(client.finalsFor('live')).toHaveLength(1);
    counter.add('in-flight id named by a bad message', 3);
    client.socket.close();
  });
});
