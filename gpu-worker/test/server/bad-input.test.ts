import { encodePixelFrame, type WorkerMessage } from '@captioner/shared/protocol/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { delay, flatImage, startServer, TestClient, type TestServer } from './test-client.ts';

// Small limits so the oversize cases stay small: a 4x4 image with a short id is a 54-byte frame.
const FRAME_LIMIT = 200;
const MAX_PAYLOAD = 1_000;

let running: TestServer | undefined;
let engine: ScriptedEngine;
let client: TestClient;

async function setup(): Promise<void> {
  engine = new ScriptedEngine({ wordDelayMs: 20 });
  running = await startServer(engine, {
    maxPixelFrameBytes: FRAME_LIMIT,
    maxPayloadBytes: MAX_PAYLOAD,
    maxConcurrentRequests: 3,
  });
  client = await TestClient.connect(running.url);
  await client.hello();
}

afterEach(async () => {
  expect(client.violations).toEqual([]);
  await running?.server.close(0);
});

function errors(): WorkerMessage[] {
  return client.messages.filter((m) => m.type === 'error');
}

interface BadInputCase {
  name: string;
  send: (client: TestClient) => void;
  expected: Record<string, unknown>;
}

const cases: BadInputCase[] = [
  {
    name: 'malformed JSON',
    send: (c) => c.socket.send('{"type": "caption", "id": '),
    expected: { code: 'invalid_json', retryable: false },
  },
  {
    name: 'an unknown message type',
    send: (c) => c.sendJson({ type: 'describe', id: 'good' }),
    expected: {
      code: 'invalid_message',
      message: "unknown message type 'describe' (expected caption or cancel)",
    },
  },
  {
    name: 'a cancel without an id',
    send: (c) => c.sendJson({ type: 'cancel' }),
    expected: { code: 'invalid_message' },
  },
  {
    name: 'a caption with an unusable id',
    send: (c) => c.sendJson({ type: 'caption', id: 'white space', width: 4, height: 4 }),
    expected: { code: 'invalid_message' },
  },
  {
    name: 'a caption missing its height, followed by its frame',
    send: (c) => {
      c.sendJson({ type: 'caption', id: 'bad', width: 4 });
      c.sendFrame(encodePixelFrame('bad', flatImage(1).data));
    },
    expected: { id: 'bad', code: 'invalid_request', message: expect.stringContaining('height') },
  },
  {
    name: 'a caption with a misspelt option',
    send: (c) => {
      c.sendJson({ type: 'caption', id: 'bad', width: 4, height: 4, options: { beam: 2 } });
      c.sendFrame(encodePixelFrame('bad', flatImage(1).data));
    },
    expected: { id: 'bad', code: 'invalid_request', message: expect.stringContaining('options') },
  },
  {
    name: 'beams of 0',
    send: (c) => c.caption('bad', flatImage(1), { beams: 0 }),
    expected: { id: 'bad', code: 'invalid_request', message: expect.stringContaining('options.beams') },
  },
  {
    name: 'beams above the announced maximum',
    send: (c) => c.caption('bad', flatImage(1), { beams: 5 }),
    expected: { id: 'bad', code: 'invalid_options', message: 'beams must be 1..4, got 5' },
  },
  {
    name: 'more alternatives than beams',
    send: (c) => c.caption('bad', flatImage(1), { beams: 2, alternatives: 3 }),
    expected: { id: 'bad', code: 'invalid_options', message: 'alternatives must be 1..beams (2), got 3' },
  },
  {
    name: 'maxWords above the model maximum',
    send: (c) => c.caption('bad', flatImage(1), { maxWords: 21 }),
    expected: { id: 'bad', code: 'invalid_options', message: 'maxWords must be 1..20, got 21' },
  },
  {
    name: 'a timeout above the maximum',
    send: (c) => c.caption('bad', flatImage(1), undefined, { timeoutMs: 10_000_000 }),
    expected: { id: 'bad', code: 'invalid_options' },
  },
  {
    name: 'a pixel frame of the wrong size',
    send: (c) => {
      c.sendJson({ type: 'caption', id: 'bad', width: 4, height: 4 });
      c.sendFrame(encodePixelFrame('bad', new Uint8Array(4 * 3 * 3)));
    },
    expected: {
      id: 'bad',
      code: 'invalid_pixels',
      message: 'a 4x4 RGB image is 48 bytes; the frame carried 36',
    },
  },
  {
    name: 'a pixel frame for an unknown id',
    send: (c) => c.sendFrame(encodePixelFrame('ghost', flatImage(1).data)),
    expected: { id: 'ghost', code: 'unknown_request' },
  },
  {
    name: 'a binary frame with a bad header',
    send: (c) => c.sendFrame(new Uint8Array([0x89, 0x50, 0x4e, 0x47])),
    expected: { code: 'invalid_frame', message: expect.stringContaining('bad magic byte 0x89') },
  },
  {
    name: 'a caption announcing an image over the frame limit, followed by its frame',
    send: (c) => c.caption('bad', flatImage(1, 9, 9)),
    expected: { id: 'bad', code: 'frame_too_large' },
  },
  {
    name: 'a pixel frame over the protocol limit (under the socket limit)',
    send: (c) => {
      c.sendJson({ type: 'caption', id: 'bad', width: 4, height: 4 });
      c.sendFrame(encodePixelFrame('bad', new Uint8Array(600)));
    },
    expected: {
      id: 'bad',
      code: 'frame_too_large',
      message: 'pixel frame of 606 bytes is over the limit of 200',
    },
  },
];

describe('bad input fails only what it names; a concurrent request on the socket completes', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, { send, expected }) => {
    await setup();
    client.caption('good', flatImage(9));
    await client.next((m) => m.type === 'word' && m.id === 'good');
    send(client);
    const error = await client.next((m) => m.type === 'error');
    expect(error).toEqual({ type: 'error', message: expect.any(String), retryable: false, ...expected });
    if (!('id' in expected)) expect(error).not.toHaveProperty('id');
    expect(await client.final('good')).toMatchObject({ type: 'result', caption: 'pixel 9 4x4' });
    // A frame sent after its refused caption is dropped without a second error for the id.
    await delay(30);
    expect(errors()).toHaveLength(1);
    expect(engine.jobs).toHaveLength(1);
  });

  it('refuses a request over the per-connection limit as retryable, and takes new ones once others end', async () => {
    await setup();
    for (const id of ['a', 'b', 'c', 'd']) client.caption(id, flatImage(1));
    expect(await client.final('d')).toMatchObject({ code: 'too_many_requests', retryable: true });
    await Promise.all(['a', 'b', 'c'].map((id) => client.final(id)));
    client.caption('d', flatImage(2));
    expect(await client.next((m) => m.type === 'result' && m.id === 'd')).toMatchObject({
      caption: 'pixel 2 4x4',
    });
  });

  it('ends a request whose id is reused while in flight with one duplicate_id error', async () => {
    await setup();
    client.caption('good', flatImage(9));
    client.caption('dup', flatImage(1));
    await client.next((m) => m.type === 'word' && m.id === 'dup');
    client.caption('dup', flatImage(2));
    expect(await client.final('dup')).toMatchObject({ type: 'error', id: 'dup', code: 'duplicate_id' });
    expect(await client.final('good')).toMatchObject({ type: 'result' });
    await delay(80);
    expect(client.eventsFor('dup').filter((m) => m.type !== 'word')).toHaveLength(1);
    expect(engine.jobs).toHaveLength(2);
    expect(engine.jobs[1]?.signal?.aborted).toBe(true);
  });

  it('ends a request sent a second pixel frame with unexpected_frame', async () => {
    await setup();
    client.caption('good', flatImage(9));
    client.caption('twice', flatImage(1));
    client.sendFrame(encodePixelFrame('twice', flatImage(1).data));
    expect(await client.final('twice')).toMatchObject({ code: 'unexpected_frame' });
    expect(await client.final('good')).toMatchObject({ type: 'result' });
  });

  it('refuses attention on a model without it', async () => {
    engine = new ScriptedEngine({ wordDelayMs: 20 });
    engine.model.supportsAttention = false;
    running = await startServer(engine);
    client = await TestClient.connect(running.url);
    client.caption('good', flatImage(9));
    client.caption('att', flatImage(1), { attention: true });
    expect(await client.final('att')).toMatchObject({ code: 'attention_unsupported' });
    expect(await client.final('good')).toMatchObject({ type: 'result', caption: 'pixel 9 4x4' });
  });

  it('closes the connection with 1009 on a frame above the socket limit, cancelling its requests', async () => {
    await setup();
    client.caption('good', flatImage(9));
    await client.next((m) => m.type === 'word' && m.id === 'good');
    client.sendFrame(encodePixelFrame('huge', new Uint8Array(MAX_PAYLOAD * 3)));
    expect((await client.closed).code).toBe(1009);
    await delay(30);
    expect(engine.abortedJobs).toHaveLength(1);
  });
});
