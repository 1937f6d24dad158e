// Callers that stop reading, or go silent without closing: their captions still finish on the GPU worker and free
// their slots, the shared connection to the worker keeps flowing (no backpressure reaches it), other callers are
// served meanwhile, and a slow reader that comes back gets every answer once.
import { describe, expect, it } from 'vitest';
import { type CaptionOutcome, CaptionSocket, finalOf } from '../../src/load/clients.ts';
import { FaultProxy } from '../edge/fault-proxy.ts';
import { type Edge, type GpuWorker, waitFor, workerMetric } from '../edge/harness.ts';
import {
  FAULT_TEST_TIMEOUT_MS,
  edgeFor,
  health,
  key,
  onCleanup,
  sse,
  testImage,
  workerBehindProxy,
} from './stack.ts';

const okOnWorker = (worker: GpuWorker) =>
  workerMetric(worker, 'caption_worker_requests_total', '{outcome="ok"}');

function expectOwnCaption(outcome: CaptionOutcome): void {
  expect(outcome.violations).toEqual([]);
  const final = finalOf(outcome);
  expect(final?.type).toBe('done');
  expect(final?.type === 'done' && final.caption).toBe(outcome.words.map((w) => w.text).join(' '));
}

/** Other callers are served while the slow ones sit there. */
async function othersAreServed(edge: Edge): Promise<void> {
  const socket = await CaptionSocket.open(edge.url, key.key);
  const image = await testImage();
  const others = await Promise.all([
    sse(edge),
    sse(edge),
    socket.caption('other-1', image),
    socket.caption('other-2', image),
  ]);
  for (const outcome of others) expectOwnCaption(outcome);
  await socket.close();
}

describe('a caller that stops reading', () => {
  it(
    'on a WebSocket: its captions finish upstream, others are served, and it gets every answer later',
    async () => {
      const a = await workerBehindProxy();
      const edge = await edgeFor([a.proxy.url]);
      const image = await testImage();
      const slow = await CaptionSocket.open(edge.url, key.key);
      slow.socket.pause(); // reads nothing more from the edge; what the edge sends piles up in buffers
      const count = 12;
      const pending = Array.from({ length: count }, (_, i) =>
        slow.caption(`slow-${i}`, image, { attention: true, beams: 3 }),
      );
      await waitFor(async () => (await okOnWorker(a.worker)) === count, 60_000);
      await waitFor(async () => (await health(edge)).gpu_workers.inFlight === 0);
      await othersAreServed(edge);
      // The edge never stopped reading the worker's socket on the slow caller's account.
      expect(await workerMetric(a.worker, 'caption_worker_backpressure_pauses_total')).toBe(0);
      expect(await workerMetric(a.worker, 'caption_worker_connections_closed_total')).toBe(0);

      slow.socket.resume();
      const outcomes = await Promise.all(pending);
      for (const outcome of outcomes) expectOwnCaption(outcome);
      expect(slow.strays).toEqual([]);
      await slow.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  it(
    'on SSE: its captions finish upstream, others are served, and each stream holds its answer',
    async () => {
      const a = await workerBehindProxy();
      const edge = await edgeFor([a.proxy.url]);
      const image = await testImage();
      // Each response's headers arrive with the first word; its body is then left unread.
      const unread = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${edge.url}/v1/captions?attention=true`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${key.key}`,
              'content-type': 'image/png',
              accept: 'text/event-stream',
            },
            body: image,
          }),
        ),
      );
      expect(unread.map((r) => r.status)).toEqual(unread.map(() => 200));
      await waitFor(async () => (await okOnWorker(a.worker)) === 8, 60_000);
      await waitFor(async () => (await health(edge)).gpu_workers.inFlight === 0);
      await othersAreServed(edge);

      for (const response of unread) {
        const text = await response.text();
        expect(text.match(/^event: (done|error)$/gm)).toEqual(['event: done']);
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});

describe('a caller that goes silent without closing', () => {
  it(
    'does not hold its captions on the GPU worker: they finish and free their slots',
    async () => {
      const a = await workerBehindProxy();
      const edge = await edgeFor([a.proxy.url]);
      const image = await testImage();
      // The caller reaches the edge through a proxy; in it, 'toWorker' is caller → edge and 'toEdge' edge → caller.
      const front = await FaultProxy.start(edge.url);
      onCleanup(() => front.close());
      const silent = await CaptionSocket.open(front.url, key.key, { perMessageDeflate: false });
      const ended = silent.closed;
      const count = 6;
      for (let i = 0; i < count; i++) void silent.caption(`silent-${i}`, image);
      await waitFor(() => front.messages('toWorker').filter((m) => m.type === 'caption').length === count);
      await waitFor(
        () => front.frames.filter((f) => f.direction === 'toWorker' && f.frame.opcode === 2).length === count,
      );
      // From now on nothing crosses in either direction, and neither TCP connection closes: the caller's machine
      // went away, or its network did.
      front.allow = () => false;

      await waitFor(async () => (await okOnWorker(a.worker)) === count, 60_000);
      await waitFor(async () => (await health(edge)).gpu_workers.inFlight === 0);
      await othersAreServed(edge);
      expect(await workerMetric(a.worker, 'caption_worker_active_requests')).toBe(0);

      front.cut();
      await ended;
      expect(await workerMetric(a.worker, 'caption_worker_open_connections')).toBe(1);
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
