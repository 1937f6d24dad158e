// A GPU worker killed with SIGKILL mid-stream and started again on its port: the callers in flight get exactly one
// error event, callers in the meantime a 503 with Retry-After, and the edge reconnects by itself (same edge
// process, same client WebSocket) once the worker is back.
import { describe, expect, it } from 'vitest';
import { CaptionSocket, captionSse, finalOf } from '../../src/load/clients.ts';
import { waitFor, workerMetric } from '../edge/harness.ts';
import {
  FAULT_TEST_TIMEOUT_MS,
  captionUntilServed,
  edgeFor,
  health,
  isWord,
  key,
  testImage,
  workerBehindProxy,
} from './stack.ts';

describe('a GPU worker killed and restarted', () => {
  it(
    'fails the stream in flight once, answers 503 while it is down, and is used again when back',
    async () => {
      const a = await workerBehindProxy();
      const edge = await edgeFor([a.proxy.url]);
      const image = await testImage();
      const socket = await CaptionSocket.open(edge.url, key.key);

      // One word reaches the edge and the rest stays in the proxy, so the request is mid-stream when the worker dies.
      // (SSE and JSON callers in the same spot: failover.test.ts.)
      let words = 1;
      a.proxy.allow = (direction, frame) => direction !== 'toEdge' || !isWord(frame.text) || words-- > 0;
      const pending = socket.caption('mid-stream', image);
      await waitFor(() => words < 0);
      await a.worker.stop('SIGKILL');

      const outcome = await pending;
      expect(outcome.violations).toEqual([]);
      expect(outcome.words).toHaveLength(1);
      expect(outcome.finals).toEqual([
        {
          type: 'error',
          code: 'backend_error',
          message: 'the GPU worker was lost after 1 words; send the request again',
        },
      ]);

      // While the worker is down: refusals that say when to come back, not hangs.
      const down = await captionSse({ edgeUrl: edge.url, key: key.key, image, contentType: 'image/png' });
      expect(down.status).toBe(503);
      expect(down.finals).toMatchObject([{ type: 'error', code: 'backend_unavailable' }]);
      expect(down.retryAfter).toBeGreaterThanOrEqual(1);
      expect(await health(edge)).toMatchObject({ status: 'degraded', gpu_workers: { healthy: 0, total: 1 } });

      a.proxy.release();
      const restarted = await a.restart();
      const tries = await captionUntilServed(edge);
      for (const refused of tries.slice(0, -1)) {
        expect(refused).toMatchObject({
          status: 503,
          finals: [{ type: 'error', code: 'backend_unavailable' }],
        });
        expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
      }
      const served = tries.at(-1);
      const done = served === undefined ? undefined : finalOf(served);
      expect(done?.type).toBe('done');
      expect(done?.type === 'done' && done.caption).toBe(served?.words.map((w) => w.text).join(' '));

      // The client's WebSocket to the edge outlived the worker, and is served by the new one too.
      const again = await socket.caption('after-restart', image);
      expect(again.violations).toEqual([]);
      expect(finalOf(again)?.type).toBe('done');
      expect(socket.strays).toEqual([]);
      expect(await health(edge)).toMatchObject({ status: 'ok', gpu_workers: { healthy: 1, total: 1 } });
      expect(await workerMetric(restarted, 'caption_worker_requests_total', '{outcome="ok"}')).toBe(2);
      await socket.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
