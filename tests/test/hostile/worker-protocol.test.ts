// Fuzzing the edge ↔ GPU worker protocol on the worker's own socket: a real `serve` process with the shipped model,
// a signed handshake per connection, then sequences of mutated `caption` and `cancel` messages, pixel frames of the
// right size, the wrong size or with a damaged header, random JSON, text and binary. The worker must answer only
// with messages its schema allows, end every request it was asked for with exactly one final event (nothing after
// it), never report an internal error, keep the connection open, and still caption normally afterwards.
import { encodePixelFrame, isRequestId, type WorkerMessage } from '@captioner/shared/protocol/index.ts';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_MODEL_DIR } from '../../../gpu-worker/src/cli/default-model.ts';
import { signedToken, TestClient } from '../../../gpu-worker/test/server/test-client.ts';
import { type GpuWorker, startGpuWorker, WORKER_SECRET } from '../edge/harness.ts';
import { CaseCounter, runs } from './case-count.ts';
import { fieldMutation, type JsonObject, junkBinary, junkText, mutate } from './protocol-fuzz.ts';

const counter = new CaseCounter('edge ↔ worker protocol fuzzing (GPU worker socket)');
let worker: GpuWorker;
let wsUrl: string;
const SIDE = 128;

beforeAll(async () => {
  worker = await startGpuWorker(DEFAULT_MODEL_DIR);
  wsUrl = `${worker.url.replace('http', 'ws')}/ws`;
});
afterAll(async () => {
  console.log(counter.report());
  await worker?.stop();
});

type FrameKind = 'none' | 'valid' | 'wrong size' | 'bad header';
type Action =
  | {
      kind: 'caption';
      mutation: Parameters<typeof mutate>[1];
      frame: FrameKind;
      beams: number;
      words: number;
      attention: boolean;
      side: number;
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
      frame: fc.constantFrom<FrameKind>('none', 'valid', 'valid', 'valid', 'wrong size', 'bad header'),
      beams: fc.integer({ min: 1, max: 4 }),
      words: fc.integer({ min: 1, max: 12 }),
      attention: fc.boolean(),
      side: fc.constantFrom(1, 7, SIDE, 200),
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

function pixels(side: number): Uint8Array {
  return new Uint8Array(side * side * 3).map((_, i) => (i * 37) & 255);
}

/** Sends the actions; returns the ids the worker owes exactly one final event (captions it can name). */
function send(client: TestClient, actions: Action[]): string[] {
  const owed: string[] = [];
  const sent: string[] = [];
  for (const a of actions) {
    if (a.kind === 'text') {
      client.socket.send(a.text);
      counter.add('text: random JSON or text');
      continue;
    }
    if (a.kind === 'binary') {
      client.sendFrame(a.bytes);
      counter.add('binary: random frame');
      continue;
    }
    if (a.kind === 'cancel') {
      const target = sent.length > 0 ? sent[a.target % sent.length] : `none-${a.target}`;
      const message = mutate({ type: 'cancel', id: target }, a.mutation);
      client.sendJson(message);
      counter.add(`cancel (${a.mutation.op})`);
      continue;
    }
    const id = `fz-${nextId++}`;
    const base: JsonObject = {
      type: 'caption',
      id,
      width: a.side,
      height: a.side,
      options: { beams: a.beams, maxWords: a.words, alternatives: 1, attention: a.attention },
      timeoutMs: 20_000,
    };
    const message = mutate(base, a.mutation, 'options');
    client.sendJson(message);
    counter.add(`caption (${a.mutation.op})`);
    if (message.type === 'caption' && isRequestId(message.id)) {
      owed.push(message.id);
      sent.push(message.id);
    }
    const frameId = isRequestId(message.id) ? message.id : id;
    if (a.frame === 'valid') client.sendFrame(encodePixelFrame(frameId, pixels(a.side)));
    else if (a.frame === 'wrong size')
      client.sendFrame(encodePixelFrame(frameId, pixels(a.side).subarray(3)));
    else if (a.frame === 'bad header') {
      const frame = encodePixelFrame(frameId, pixels(4));
      frame[2] = 200; // id length past the limit
      client.sendFrame(frame);
    }
    if (a.frame !== 'none') counter.add(`pixel frame: ${a.frame}`);
  }
  return owed;
}

function finals(client: TestClient, id: string): WorkerMessage[] {
  return client
    .eventsFor(id)
    .filter((m) => m.type === 'result' || (m.type === 'error' && m.code !== 'unknown_request'));
}

describe('GPU worker protocol fuzzing', () => {
  it('answers every mutated sequence within the protocol and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const client = await TestClient.connect(wsUrl, { token: await signedToken(WORKER_SECRET) });
        await client.hello();
        const owed = send(client, actions);
        // Requests still waiting for pixels are ended by a cancel; then a normal request must succeed.
        for (const id of owed) client.sendJson({ type: 'cancel', id });
        for (const id of owed) await client.final(id, 30_000);
        client.caption('probe', { width: SIDE, height: SIDE, data: pixels(SIDE) }, { beams: 2 });
        expect(await client.final('probe', 30_000)).toMatchObject({ type: 'result' });

        expect(client.violations).toEqual([]);
        const codes = client.messages.filter((m) => m.type === 'error').map((m) => m.code);
        expect(codes).not.toContain('internal');
        for (const id of owed) {
          const ends = finals(client, id);
          expect(ends.length, `${id}: ${JSON.stringify(client.eventsFor(id))}`).toBe(1);
          // Nothing for a request after its final event.
          const events = client
            .eventsFor(id)
            .filter((m) => m.type !== 'error' || m.code !== 'unknown_request');
          expect(events.at(-1)).toBe(ends[0]);
        }
        for (const code of codes) counter.add(`worker answered: ${code}`);
        await client.close();
      }),
      { numRuns: runs(40) },
    );
    expect(worker.child.exitCode).toBeNull();
  });

  it('refuses a handshake that is missing, forged, expired or replayed, and serves the next good one', async () => {
    // The worker's answer to the upgrade: status and error code (101 when it opens the socket).
    const refusal = (headers: Record<string, string>): Promise<string> =>
      new Promise<string>((resolve, reject) => {
        const socket = new WebSocket(wsUrl, { headers });
        socket.once('unexpected-response', (_request, response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () => {
            const code = (JSON.parse(body) as { error: { code: string } }).error.code;
            counter.add(`handshake refused: ${code}`);
            resolve(`${response.statusCode} ${code}`);
          });
        });
        socket.once('open', () => {
          resolve('101');
          socket.close();
        });
        socket.once('error', reject);
      });
    const good = await signedToken(WORKER_SECRET);
    const first = await TestClient.connect(wsUrl, { token: good });
    await first.hello();
    await first.close();
    const [version, time, nonce, signature] = good.split('.');
    const wrongSecret = await signedToken('another-secret-0123456789abcdef-0123456789');
    const hex = (length: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(good), // replayed
          fc.constant(wrongSecret), // signed with another secret
          hex(64).map((forged) => `${version}.${time}.${nonce}.${forged}`),
          hex(32).map((otherNonce) => `${version}.${time}.${otherNonce}.${signature}`),
          fc.string({ maxLength: 120 }),
          fc.nat({ max: 3 }).chain((part) =>
            fc
              .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 70 })
              .map((s) => {
                const parts = [version, time, nonce, signature];
                parts[part] = s;
                return parts.join('.');
              }),
          ),
          fc
            .integer({ min: 61, max: 10_000 })
            .map((skew) => `${version}.${Number(time) - skew}.${nonce}.${signature}`),
        ),
        async (token) => {
          expect(await refusal({ 'x-caption-auth': token })).toMatch(
            /^401 auth_(missing|malformed|expired|invalid|replayed)$/,
          );
        },
      ),
      { numRuns: runs(30) },
    );
    expect(await refusal({})).toBe('401 auth_missing');
    const next = await TestClient.connect(wsUrl, { token: await signedToken(WORKER_SECRET) });
    await next.hello();
    await next.close();
  });
});
