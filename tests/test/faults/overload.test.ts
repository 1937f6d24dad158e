// Overload is refused at once with a time to come back, on every transport: a key over its captions-in-flight cap
// gets 429 (SSE and JSON) or a `rate_limited` error event (WebSocket), each with Retry-After; the requests already
// in flight are not disturbed.
import { describe, expect, it } from 'vitest';
import { CaptionSocket, finalOf } from '../../src/load/clients.ts';
import { makeKey, waitFor } from '../edge/harness.ts';
import { FAULT_TEST_TIMEOUT_MS, edgeFor, isWord, sse, testImage, workerBehindProxy } from './stack.ts';

const capped = makeKey('capped', 'secret', { rate_per_minute: 100_000, burst: 10_000, max_concurrent: 2 });

describe('a key over its captions-in-flight cap', () => {
  it(
    'is refused with Retry-After on SSE, JSON and WebSocket while its two captions stream on',
    async () => {
      const a = await workerBehindProxy();
      const edge = await edgeFor([a.proxy.url], [capped]);
      const image = await testImage();
      // No word reaches the edge until the end: both captions stay in flight.
      a.proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text);
      const socket = await CaptionSocket.open(edge.url, capped.key);
      const inFlight = [sse(edge, '', capped), socket.caption('first', image)];
      await waitFor(() => a.proxy.messages('toWorker').filter((m) => m.type === 'caption').length === 2);

      const refusedSse = await sse(edge, '', capped);
      expect(refusedSse).toMatchObject({ status: 429, retryAfter: 1, violations: [] });
      expect(finalOf(refusedSse)).toMatchObject({ type: 'error', code: 'rate_limited' });
      const refusedJson = await fetch(`${edge.url}/v1/captions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${capped.key}`, 'content-type': 'image/png' },
        body: image,
      });
      expect(refusedJson.status).toBe(429);
      expect(refusedJson.headers.get('retry-after')).toBe('1');
      const refusedWs = await socket.caption('third', image);
      expect(refusedWs).toMatchObject({ retryAfter: 1, violations: [] });
      expect(finalOf(refusedWs)).toMatchObject({ type: 'error', code: 'rate_limited', retryAfter: 1 });

      a.proxy.release();
      const finished = await Promise.all(inFlight);
      expect(finished.map((o) => [o.violations, finalOf(o)?.type])).toEqual([
        [[], 'done'],
        [[], 'done'],
      ]);
      expect(socket.strays).toEqual([]);
      await socket.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
