import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { flatImage, startServer, TestClient, type TestServer } from './test-client.ts';

let running: TestServer | undefined;

afterEach(async () => {
  await running?.server.close(0);
  running = undefined;
});

describe('HTTP routes and observability', () => {
  it('reports health as JSON', async () => {
    running = await startServer(new ScriptedEngine());
    const response = await fetch(`${running.httpUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      model: 'scripted',
      queueDepth: 0,
      activeRequests: 0,
      connections: 0,
    });
    expect((await fetch(`${running.httpUrl}/nope`)).status).toBe(404);
  });

  it('exports request, error, latency and connection metrics for Prometheus', async () => {
    running = await startServer(new ScriptedEngine());
    const client = await TestClient.connect(running.url);
    client.caption('ok', flatImage(1));
    client.caption('bad', flatImage(1), { beams: 9 });
    await client.final('ok');
    await client.final('bad');
    const response = await fetch(`${running.httpUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const line of [
      'caption_worker_requests_total{outcome="ok"} 1',
      'caption_worker_requests_total{outcome="rejected"} 1',
      'caption_worker_errors_total{code="invalid_options"} 1',
      'caption_worker_time_to_first_word_seconds_count 1',
      'caption_worker_request_duration_seconds_count{outcome="ok"} 1',
      'caption_worker_open_connections 1',
      'caption_worker_queue_depth 0',
      'caption_worker_batch_rows 0',
    ]) {
      expect(text).toContain(line);
    }
    await client.close();
  });

  it('logs one structured line per request end with id, outcome and timings', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _, callback) {
        lines.push(JSON.parse(chunk.toString()));
        callback();
      },
    });
    running = await startServer(new ScriptedEngine({ wordDelayMs: 10 }), {}, pino({ level: 'info' }, sink));
    const client = await TestClient.connect(running.url);
    client.caption('one', flatImage(1));
    client.caption('two', flatImage(2), { beams: 7 });
    await client.final('one');
    await client.final('two');
    const ended = lines.filter((l) => l.msg === 'request ended');
    expect(ended).toHaveLength(2);
    expect(ended.find((l) => l.id === 'one')).toMatchObject({
      conn: 1,
      outcome: 'ok',
      words: 3,
      firstWordMs: expect.any(Number),
      totalMs: expect.any(Number),
      engine: { queueMs: 0, encodeMs: 0, decodeMs: expect.any(Number), totalMs: expect.any(Number) },
    });
    expect(ended.find((l) => l.id === 'two')).toMatchObject({ outcome: 'rejected', code: 'invalid_options' });
    await client.close();
  });
});
