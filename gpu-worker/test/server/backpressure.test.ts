import type { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedEngine } from './scripted-engine.ts';
import { delay, flatImage, startServer, TestClient, type TestServer } from './test-client.ts';

const KiB = 1024;
// Word messages are made big the way real ones are: by their attention maps (~24 KiB of JSON here).
const ATTENTION = Array.from({ length: 4000 }, () => 0.125);
const WORDS = Array.from({ length: 40 }, (_, i) => `w${i}`);

let running: TestServer | undefined;

afterEach(async () => {
  await running?.server.close(0);
  running = undefined;
});

async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  const match = values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return match?.value ?? 0;
}

/** Samples the server's send buffer until `stop` resolves; returns the largest value seen. */
async function peakSendBuffer(registry: Registry, stop: Promise<unknown>): Promise<number> {
  let peak = 0;
  let done = false;
  void stop.then(() => {
    done = true;
  });
  while (!done) {
    peak = Math.max(peak, await metricValue(registry, 'caption_worker_send_buffer_bytes'));
    await delay(5);
  }
  return peak;
}

describe('backpressure on a slow reader', () => {
  it('stops reading new requests while the send buffer is past the high-water mark, then finishes them all', async () => {
    const engine = new ScriptedEngine({ words: () => WORDS, attention: ATTENTION });
    // The hard limit sits above the worst case of requests in flight (40 × 40 × 24 KiB), as the defaults do for
    // real word sizes: resuming reads every request queued meanwhile at once.
    const maxBufferedBytes = 64 * 1024 * KiB;
    running = await startServer(engine, {
      highWaterMark: 64 * KiB,
      lowWaterMark: 16 * KiB,
      maxBufferedBytes,
    });
    const { metrics } = running.server;
    const client = await TestClient.connect(running.url);
    await client.hello();
    client.socket.pause();
    const requests = 40;
    let finished: () => void = () => {};
    const peak = peakSendBuffer(metrics, new Promise<void>((resolve) => (finished = resolve)));
    for (let i = 0; i < requests; i++) {
      client.caption(`r${i}`, flatImage(i), { attention: true });
      await delay(10);
    }
    await delay(300);
    const startedWhilePaused = engine.jobs.length;
    await delay(200);
    // Not reading: the requests still in the socket have not reached the engine.
    expect(engine.jobs.length).toBe(startedWhilePaused);
    expect(startedWhilePaused).toBeLessThan(requests);
    expect(await metricValue(metrics, 'caption_worker_backpressure_pauses_total')).toBeGreaterThan(0);

    client.socket.resume();
    await Promise.all(Array.from({ length: requests }, (_, i) => client.final(`r${i}`, 20_000)));
    finished();
    for (let i = 0; i < requests; i++) {
      const events = client.eventsFor(`r${i}`);
      expect(events.filter((m) => m.type === 'word')).toHaveLength(40);
      expect(events.at(-1)?.type).toBe('result');
    }
    expect(await peak).toBeGreaterThan(64 * KiB);
    expect(await peak).toBeLessThan(maxBufferedBytes);
    expect(client.violations).toEqual([]);
    await client.close();
  }, 60_000);

  it('terminates a peer that stops reading for good and cancels its requests', async () => {
    const endless = Array.from({ length: 100_000 }, (_, i) => `w${i}`);
    const engine = new ScriptedEngine({ words: () => endless, attention: ATTENTION });
    running = await startServer(engine, {
      highWaterMark: 256 * KiB,
      lowWaterMark: 64 * KiB,
      maxBufferedBytes: 2 * 1024 * KiB,
    });
    const client = await TestClient.connect(running.url);
    await client.hello();
    client.socket.pause();
    client.caption('flood', flatImage(1), { attention: true });
    const { metrics } = running.server;
    const until = Date.now() + 20_000;
    while (
      (await metricValue(metrics, 'caption_worker_connections_closed_total', { reason: 'slow_reader' })) === 0
    ) {
      expect(Date.now()).toBeLessThan(until);
      await delay(20);
    }
    await delay(20);
    expect(engine.abortedJobs).toHaveLength(1);
    expect(await metricValue(metrics, 'caption_worker_open_connections')).toBe(0);
    expect(await metricValue(metrics, 'caption_worker_requests_total', { outcome: 'disconnected' })).toBe(1);
    client.socket.resume();
    expect((await client.closed).code).toBe(1006);
  }, 60_000);
});
