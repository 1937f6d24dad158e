import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { delay, flatImage, signedToken, startServer, TestClient } from './test-client.ts';

describe('graceful shutdown', () => {
  it('lets requests in flight finish, refuses new ones, then closes with 1001', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 40 });
    const { server, url } = await startServer(engine);
    const client = await TestClient.connect(url);
    client.caption('inflight', flatImage(1));
    await client.next((m) => m.type === 'word');
    const closing = server.close(5_000);
    client.caption('late', flatImage(2));
    expect(await client.final('late')).toMatchObject({ code: 'shutting_down', retryable: true });
    expect(await client.final('inflight')).toMatchObject({ type: 'result', caption: 'pixel 1 4x4' });
    expect(await client.closed).toEqual({ code: 1001, reason: 'worker shutting down' });
    await closing;
    await expect(TestClient.connect(url, { token: await signedToken() })).rejects.toThrow(/ECONNREFUSED/);
    expect(client.violations).toEqual([]);
  });

  it('fails requests still running when the grace period ends with shutting_down', async () => {
    const engine = new ScriptedEngine({ wordDelayMs: 5_000 });
    const { server, url } = await startServer(engine);
    const client = await TestClient.connect(url);
    client.sendJson({ type: 'caption', id: 'nopixels', width: 4, height: 4 });
    client.caption('long', flatImage(1));
    while (engine.jobs.length === 0) await delay(5);
    const started = Date.now();
    await server.close(100);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await client.final('long')).toMatchObject({ code: 'shutting_down', retryable: true });
    expect(await client.final('nopixels')).toMatchObject({ code: 'shutting_down', retryable: true });
    expect((await client.closed).code).toBe(1001);
    expect(engine.abortedJobs).toHaveLength(1);
  });
});
