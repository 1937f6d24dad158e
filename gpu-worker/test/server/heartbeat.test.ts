import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { delay, flatImage, startServer, TestClient, type TestServer } from './test-client.ts';

let running: TestServer | undefined;

afterEach(async () => {
  await running?.server.close(0);
  running = undefined;
});

describe('heartbeat', () => {
  it('keeps a peer that answers pings', async () => {
    running = await startServer(new ScriptedEngine(), { heartbeatMs: 30 });
    const client = await TestClient.connect(running.url);
    await delay(200);
    client.caption('alive', flatImage(3));
    expect(await client.final('alive')).toMatchObject({ type: 'result' });
    await client.close();
  });

  it('terminates a peer that stops answering pings and cancels its requests', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 1_000 });
    running = await startServer(engine, { heartbeatMs: 30 });
    const client = await TestClient.connect(running.url, { autoPong: false });
    client.caption('stuck', flatImage(3));
    const started = Date.now();
    // Terminated, not closed: a dead peer would not answer a close frame either.
    expect((await client.closed).code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(1_000);
    await delay(20);
    expect(engine.abortedJobs).toHaveLength(1);
    const metrics = await running.server.metrics.metrics();
    expect(metrics).toContain('caption_worker_connections_closed_total{reason="heartbeat_timeout"} 1');
  });
});
