// The other direction of the edge ↔ worker socket: a hostile GPU worker in front of the real edge (workerd). It
// accepts the edge's connection, then answers each caption with a fuzzed sequence of worker → edge messages (word,
// result, error and hello, each possibly mutated, for this request or another id), always followed by one valid final
// message so that every request can end. The edge must turn whatever it got into a well-formed answer: a caption, or
// a JSON error (or SSE `error` event) other than `internal_error`, and keep serving. A mutated `hello` must leave the
// edge refusing with 503 or serving correctly, never failing inside.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePixelFrame } from '@captioner/shared/protocol/index.ts';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Edge, makeKey, startEdge } from '../edge/harness.ts';
import { encode } from '../edge/images.ts';
import { CaseCounter, runs } from './case-count.ts';
import { type FieldMutation, fieldMutation, type JsonObject, mutate } from './protocol-fuzz.ts';

const key = makeKey('hostile-worker', 'secret', {
  rate_per_minute: 1_000_000,
  burst: 100_000,
  max_concurrent: 64,
});
const counter = new CaseCounter('worker → edge messages from a hostile GPU worker');
/** Tests that start an edge per case (a bundle load in workerd each): minutes on a busy 2-core machine. */
const EDGE_PER_CASE_TIMEOUT_MS = 600_000;

function validHello(): JsonObject {
  return {
    type: 'hello',
    protocol: 1,
    model: {
      name: 'hostile',
      inputWidth: 32,
      inputHeight: 32,
      imageMean: [0.5, 0.5, 0.5],
      imageStd: [0.5, 0.5, 0.5],
      supportsAttention: true,
    },
    limits: {
      maxBeams: 8,
      maxWords: 20,
      maxPixelFrameBytes: 4_194_304,
      maxConcurrentRequests: 64,
      defaultTimeoutMs: 30_000,
      maxTimeoutMs: 120_000,
    },
  };
}

const validResult = (id: string): JsonObject => ({
  type: 'result',
  id,
  caption: 'a red circle',
  confidence: 0.5,
  alternatives: [{ caption: 'a red circle', score: -0.7 }],
  tokens: 4,
  timings: { queueMs: 0, encodeMs: 1, decodeMs: 2, totalMs: 3 },
});

/** One message of a scripted answer: a template, mutated, addressed to the request or to some other id. */
interface ScriptedMessage {
  template: 'word' | 'result' | 'error' | 'hello' | 'junk';
  mutation: FieldMutation;
  otherId: boolean;
  index: number;
  junk: string;
}

function render(m: ScriptedMessage, id: string): string {
  if (m.template === 'junk') return m.junk;
  const target = m.otherId ? `not-${id}` : id;
  const base: JsonObject =
    m.template === 'word'
      ? { type: 'word', id: target, index: m.index, text: 'red', attention: [0.25, 0.25, 0.25, 0.25] }
      : m.template === 'result'
        ? { ...validResult(target), attentionGrid: { rows: 2, cols: 2 } }
        : m.template === 'error'
          ? { type: 'error', id: target, code: 'internal', message: 'scripted', retryable: false }
          : validHello();
  return JSON.stringify(mutate(base, m.mutation, m.template === 'hello' ? 'limits' : undefined));
}

const scriptedMessage: fc.Arbitrary<ScriptedMessage> = fc.record({
  template: fc.constantFrom('word', 'word', 'word', 'result', 'error', 'hello', 'junk'),
  mutation: fieldMutation,
  otherId: fc.boolean(),
  index: fc.oneof(fc.nat({ max: 3 }), fc.constantFrom(-1, 1e9)),
  junk: fc.oneof(fc.json(), fc.string({ maxLength: 50 })),
});

/** A GPU worker that speaks the protocol's framing but says whatever the test scripts. */
class HostileWorker {
  hello: string = JSON.stringify(validHello());
  /** Answers for the next captions, in order; a caption with none gets a plain valid result. */
  readonly scripts: { messages: ScriptedMessage[]; final: 'result' | 'error' }[] = [];
  readonly sockets = new Set<WebSocket>();
  readonly url: string;

  private constructor(
    readonly server: Server,
    readonly wss: WebSocketServer,
  ) {
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    wss.on('connection', (socket) => this.#serve(socket));
  }

  static async start(): Promise<HostileWorker> {
    const server = createServer((_request, response) => response.writeHead(404).end());
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new HostileWorker(server, wss);
  }

  #serve(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(this.hello);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return; // captions and cancels: the pixel frame that follows names the request
      const frame = decodePixelFrame(new Uint8Array(data as Buffer));
      if (!frame.ok) return;
      const script = this.scripts.shift();
      for (const m of script?.messages ?? []) {
        socket.send(render(m, frame.id));
        counter.add(`worker sent: ${m.template}${m.otherId ? " (another request's id)" : ''}`);
      }
      socket.send(
        JSON.stringify(
          script?.final === 'error'
            ? { type: 'error', id: frame.id, code: 'internal', message: 'scripted end', retryable: false }
            : validResult(frame.id),
        ),
      );
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let worker: HostileWorker;
let edge: Edge;
let png: Buffer;

beforeAll(async () => {
  png = await encode('png', 40, 30);
  worker = await HostileWorker.start();
  edge = await startEdge({ gpuWorkers: [worker.url], keys: [key] });
});
afterAll(async () => {
  console.log(counter.report());
  await edge?.dispose();
  await worker?.close();
});

function caption(target: Edge, stream: boolean, attention: boolean): Promise<Response> {
  return fetch(`${target.url}/v1/captions?beams=1&attention=${attention}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key.key}`,
      'content-type': 'image/png',
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body: png,
  });
}

/** Checks one answer; returns its outcome for counting. */
async function wellFormed(response: Response): Promise<string> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) {
    expect(response.status).toBe(200);
    const events = text
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => {
        const lines = block.split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^event: (word|done|error)$/);
        expect(lines[1]).toMatch(/^data: \{.*\}$/);
        return {
          event: (lines[0] ?? '').slice(7),
          data: JSON.parse((lines[1] ?? '').slice(6)) as JsonObject,
        };
      });
    const last = events.at(-1);
    expect(events.slice(0, -1).every((e) => e.event === 'word')).toBe(true);
    expect(['done', 'error']).toContain(last?.event);
    if (last?.event === 'error') expect(last.data.code).not.toBe('internal_error');
    return `SSE ${last?.event === 'done' ? 'done' : String(last?.data.code)}`;
  }
  expect(type).toContain('application/json');
  const body = JSON.parse(text) as JsonObject & { error?: { code: string } };
  if (response.status === 200) {
    expect(typeof body.caption).toBe('string');
    return 'caption';
  }
  expect(body.error?.code, text).not.toBe('internal_error');
  expect(response.status).not.toBe(500);
  return `${response.status} ${body.error?.code}`;
}

describe('hostile GPU worker', () => {
  it('turns any sequence of worker messages into a caption or a well-formed error, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(scriptedMessage, { maxLength: 6 }),
        fc.constantFrom<'result' | 'error'>('result', 'error'),
        fc.boolean(),
        fc.boolean(),
        async (messages, final, stream, attention) => {
          worker.scripts.length = 0;
          worker.scripts.push({ messages, final });
          counter.add(`edge answered: ${await wellFormed(await caption(edge, stream, attention))}`);
        },
      ),
      { numRuns: runs(60) },
    );
    worker.scripts.length = 0;
    const response = await caption(edge, false, false);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { caption: string }).caption).toBe('a red circle');
  });

  it(
    'refuses to use a worker whose hello is broken (503) or serves correctly with one that is still valid',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fieldMutation,
            fieldMutation.map((m) => ({ ...m, nested: true })),
          ),
          async (mutation) => {
            const nested = 'nested' in mutation;
            const hello = validHello();
            const mutated = nested
              ? { ...hello, model: mutate(hello.model as JsonObject, mutation) }
              : mutate(hello, mutation, 'limits');
            const hostile = await HostileWorker.start();
            hostile.hello = JSON.stringify(mutated);
            const target = await startEdge({ gpuWorkers: [hostile.url], keys: [key] });
            try {
              const outcome = await wellFormed(await caption(target, false, false));
              counter.add(`hello (${nested ? 'model ' : ''}${mutation.op}): ${outcome}`);
              expect(outcome, JSON.stringify(mutated)).toMatch(
                /^(caption|503 backend_unavailable|400 invalid_request|502 backend_error)$/,
              );
            } finally {
              await target.dispose();
              await hostile.close();
            }
          },
        ),
        { numRuns: runs(5) },
      );
    },
    EDGE_PER_CASE_TIMEOUT_MS,
  );

  it(
    'refuses a worker whose announced model input its own frame limit (or any sane memory) cannot carry',
    async () => {
      // Without this check every upload was resized to 20000x20000 (1.2 GB, ~40 s) and only then refused with 502.
      for (const [name, model, limits] of [
        [
          'input over its own frame limit',
          { inputWidth: 20_000, inputHeight: 20_000 },
          {},
          /over its own limit of 4194304/,
        ],
        [
          'input over 4096²',
          { inputWidth: 5_000, inputHeight: 5_000 },
          { maxPixelFrameBytes: 1e9 },
          /over 16777216 pixels/,
        ],
      ] as const) {
        const hello = validHello();
        const hostile = await HostileWorker.start();
        hostile.hello = JSON.stringify({
          ...hello,
          model: { ...(hello.model as JsonObject), ...model },
          limits: { ...(hello.limits as JsonObject), ...limits },
        });
        const target = await startEdge({ gpuWorkers: [hostile.url], keys: [key] });
        try {
          const response = await caption(target, false, false);
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect([response.status, body.error.code], name).toEqual([503, 'backend_unavailable']);
          expect(body.error.message, name).toBe('no GPU worker is reachable');
          // The worker is not counted as serving (it was, and every upload was resized for it, before the check).
          const health = await fetch(`${target.url}/healthz`);
          expect(health.status, name).toBe(503);
          expect(((await health.json()) as { gpu_workers: { healthy: number } }).gpu_workers.healthy).toBe(0);
          counter.add('hello: model input too large');
        } finally {
          await target.dispose();
          await hostile.close();
        }
      }
    },
    EDGE_PER_CASE_TIMEOUT_MS,
  );
});
