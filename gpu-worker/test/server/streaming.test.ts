import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { delay, flatImage, startServer, TestClient, type TestServer } from './test-client.ts';

let running: TestServer | undefined;
const clients: TestClient[] = [];

async function setup(engine: ScriptedEngine, tunables = {}): Promise<TestClient> {
  running = await startServer(engine, tunables);
  const client = await TestClient.connect(running.url);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) expect(client.violations).toEqual([]);
  await running?.server.close(0);
  running = undefined;
});

describe('caption streaming', () => {
  it('announces the model and limits in hello as the connection opens', async () => {
    const client = await setup(new ScriptedEngine(), {
      maxPixelFrameBytes: 10_000,
      maxConcurrentRequests: 3,
    });
    expect(await client.hello()).toEqual({
      type: 'hello',
      protocol: 1,
      model: {
        name: 'scripted',
        inputWidth: 4,
        inputHeight: 4,
        imageMean: [0.5, 0.5, 0.5],
        imageStd: [0.25, 0.25, 0.25],
        supportsAttention: true,
      },
      limits: {
        maxBeams: 4,
        maxWords: 20,
        maxPixelFrameBytes: 10_000,
        maxConcurrentRequests: 3,
        defaultTimeoutMs: 30_000,
        maxTimeoutMs: 120_000,
      },
    });
  });

  it('streams each word, in order, then one result whose caption is their join', async () => {
    const engine = new ScriptedEngine({ attention: [0.25, 0.75] });
    const client = await setup(engine);
    client.caption('a', flatImage(7), { beams: 2, attention: true });
    await client.final('a');
    expect(client.eventsFor('a')).toEqual([
      { type: 'word', id: 'a', index: 0, text: 'pixel', attention: [0.25, 0.75] },
      { type: 'word', id: 'a', index: 1, text: '7', attention: [0.25, 0.75] },
      { type: 'word', id: 'a', index: 2, text: '4x4', attention: [0.25, 0.75] },
      {
        type: 'result',
        id: 'a',
        caption: 'pixel 7 4x4',
        confidence: 0.5,
        reliability: null,
        alternatives: [{ caption: 'pixel 7 4x4', score: -0.69 }],
        tokens: 3,
        timings: expect.objectContaining({ queueMs: 0, encodeMs: 0 }),
        attentionGrid: { rows: 1, cols: 2 },
      },
    ]);
    expect(engine.jobs[0]?.options).toEqual({ beams: 2, maxWords: 20, alternatives: 1, attention: true });
  });

  it('multiplexes concurrent requests on one socket, each with its own words and one final event', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 5 });
    const client = await setup(engine);
    const ids = ['r1', 'r2', 'r3', 'r4'];
    ids.forEach((id, i) => {
      client.caption(id, flatImage(10 + i));
    });
    await Promise.all(ids.map((id) => client.final(id)));
    await delay(20);
    ids.forEach((id, i) => {
      expect(client.eventsFor(id).map((m) => (m.type === 'word' ? m.text : m.type))).toEqual([
        'pixel',
        String(10 + i),
        '4x4',
        'result',
      ]);
    });
    // Words of different requests interleave: they really ran concurrently.
    const order = client.messages.filter((m) => m.type === 'word').map((m) => m.id);
    expect(order.slice(0, 4).sort()).toEqual(ids);
  });

  it('cancels a request: one cancelled error, the engine job aborted, the other request unaffected', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 30 });
    const client = await setup(engine);
    client.caption('slow', flatImage(1));
    client.caption('other', flatImage(2));
    await client.next((m) => m.type === 'word' && m.id === 'slow');
    client.sendJson({ type: 'cancel', id: 'slow' });
    expect(await client.final('slow')).toEqual({
      type: 'error',
      id: 'slow',
      code: 'cancelled',
      message: 'cancelled by the client',
      retryable: false,
    });
    expect(engine.jobs.find((j) => j.image.data[0] === 1)?.signal?.aborted).toBe(true);
    expect(await client.final('other')).toMatchObject({ type: 'result', caption: 'pixel 2 4x4' });
    await delay(100);
    const slow = client.eventsFor('slow');
    expect(slow.filter((m) => m.type === 'result' || m.type === 'error')).toHaveLength(1);
    expect(slow.at(-1)?.type).toBe('error');
  });

  it('ignores a cancel for a request that already ended', async () => {
    const client = await setup(new ScriptedEngine());
    client.caption('done', flatImage(3));
    await client.final('done');
    client.sendJson({ type: 'cancel', id: 'done' });
    client.sendJson({ type: 'cancel', id: 'never-seen' });
    client.caption('after', flatImage(4));
    await client.final('after');
    expect(client.messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('fails a request past its deadline with deadline_exceeded and passes the deadline to the engine', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 100 });
    const client = await setup(engine);
    const sent = Date.now();
    client.caption('late', flatImage(5), undefined, { timeoutMs: 150 });
    expect(await client.final('late')).toMatchObject({
      type: 'error',
      code: 'deadline_exceeded',
      retryable: false,
    });
    expect(client.eventsFor('late').filter((m) => m.type === 'word')).toHaveLength(1);
    const deadline = engine.jobs[0]?.deadline ?? 0;
    expect(deadline - sent).toBeGreaterThanOrEqual(140);
    expect(deadline - sent).toBeLessThan(1_000);
    expect(engine.jobs[0]?.signal?.aborted).toBe(true);
  });

  it('fails a request whose pixels never come when its deadline passes', async () => {
    const client = await setup(new ScriptedEngine());
    client.sendJson({ type: 'caption', id: 'nopix', width: 4, height: 4, timeoutMs: 50 });
    expect(await client.final('nopix')).toMatchObject({ code: 'deadline_exceeded' });
  });

  it('passes an engine error through with its code and retryable flag', async () => {
    const { EngineError } = await import('../../src/engine/types.ts');
    const engine = new ScriptedEngine({ failWith: () => new EngineError('queue_full', 'the queue is full') });
    const client = await setup(engine);
    client.caption('q', flatImage(6));
    expect(await client.final('q')).toEqual({
      type: 'error',
      id: 'q',
      code: 'queue_full',
      message: 'the queue is full',
      retryable: true,
    });
  });

  it('cancels the engine jobs of a connection that closes', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 50 });
    const client = await setup(engine);
    client.caption('x', flatImage(1));
    client.caption('y', flatImage(2));
    await client.next((m) => m.type === 'word');
    await client.close();
    await delay(50);
    expect(engine.abortedJobs).toHaveLength(2);
  });
});
