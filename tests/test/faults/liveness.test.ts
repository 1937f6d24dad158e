// Dead peers that do not say so: a connection that stops carrying traffic (half-open), a GPU worker process that
// stops answering (SIGSTOP), and a request whose deadline passes. Each caller in flight gets exactly one final
// event, and the edge finds its way back to a working worker without being restarted.
import { describe, expect, it } from 'vitest';
import { CaptionSocket, finalOf } from '../../src/load/clients.ts';
import { waitFor, workerMetric } from '../edge/harness.ts';
import {
  BINARY,
  captionUntilServed,
  edgeFor,
  health,
  isWord,
  key,
  onCleanup,
  sse,
  testImage,
  workerBehindProxy,
  FAULT_TEST_TIMEOUT_MS,
} from './stack.ts';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('heartbeats between the GPU worker and the edge', () => {
  it(
    'are answered by the edge, so an idle connection survives them',
    async () => {
      const a = await workerBehindProxy(['--heartbeat-ms', '1500']);
      const edge = await edgeFor([a.proxy.url]);
      expect(finalOf(await sse(edge))?.type).toBe('done');
      await delay(5_000); // three ping intervals with nothing else on the socket
      expect(finalOf(await sse(edge))?.type).toBe('done');
      expect(
        a.proxy.frames.filter((f) => f.direction === 'toWorker' && f.frame.opcode === 0xa).length,
      ).toBeGreaterThan(2);
      expect(await workerMetric(a.worker, 'caption_worker_connections_closed_total')).toBe(0);
      expect(await workerMetric(a.worker, 'caption_worker_open_connections')).toBe(1);
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  it(
    'find a half-open connection: the caller mid-stream gets one error, and the edge reconnects',
    async () => {
      const a = await workerBehindProxy(['--heartbeat-ms', '2000']);
      const edge = await edgeFor([a.proxy.url]);
      // After the first word nothing more crosses the connection in either direction, pongs included, while both
      // TCP sockets stay open: what a dropped route or a dead NAT entry looks like to each end.
      let words = 1;
      a.proxy.allow = (direction, frame) => {
        if (words < 0) return false;
        if (direction === 'toEdge' && isWord(frame.text)) words -= 1;
        return words >= 0;
      };
      const outcome = await sse(edge);
      expect(outcome.violations).toEqual([]);
      expect(outcome.words).toHaveLength(1);
      expect(outcome.finals).toEqual([
        {
          type: 'error',
          code: 'backend_error',
          message: 'the GPU worker was lost after 1 words; send the request again',
        },
      ]);
      expect(
        await workerMetric(
          a.worker,
          'caption_worker_connections_closed_total',
          '{reason="heartbeat_timeout"}',
        ),
      ).toBe(1);

      a.proxy.release();
      const tries = await captionUntilServed(edge);
      expect(finalOf(tries.at(-1) ?? outcome)?.type).toBe('done');
      expect(await health(edge)).toMatchObject({ gpu_workers: { healthy: 1 } });
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});

describe('a GPU worker that stops answering', () => {
  it(
    'is dropped once a request outlives its deadline, so new requests go to the other worker',
    async () => {
      // 8 s request deadline (room for the other worker's answers on a busy machine); the edge waits 10 s more (its
      // grace) before calling the worker silent.
      const workers = [
        await workerBehindProxy(['--timeout-ms', '8000']),
        await workerBehindProxy(['--timeout-ms', '8000']),
      ];
      const edge = await edgeFor(workers.map((w) => w.proxy.url));
      // Pixel frames wait in the proxies until the worker that took the request is frozen.
      for (const { proxy } of workers)
        proxy.allow = (direction, frame) => direction !== 'toWorker' || frame.opcode !== BINARY;
      const pending = sse(edge);
      const took = () => workers.find((w) => w.proxy.messages('toWorker').some((m) => m.type === 'caption'));
      await waitFor(() => took() !== undefined);
      const frozen = took();
      const other = workers.find((w) => w !== frozen);
      if (frozen === undefined || other === undefined) throw new Error('no worker took the request');
      other.proxy.release();
      frozen.worker.child.kill('SIGSTOP');
      onCleanup(async () => frozen.worker.child.kill('SIGCONT'));
      frozen.proxy.release();

      const outcome = await pending;
      expect(outcome).toMatchObject({
        status: 502,
        finals: [
          {
            type: 'error',
            code: 'backend_error',
            message: 'the GPU worker did not finish the caption in time; retry',
          },
        ],
      });
      const captionsToFrozen = () =>
        frozen.proxy.messages('toWorker').filter((m) => m.type === 'caption').length;
      expect(captionsToFrozen()).toBe(1);
      const socket = await CaptionSocket.open(edge.url, key.key);
      const image = await testImage();
      const later = [
        ...(await Promise.all([1, 2, 3, 4].map(() => sse(edge)))),
        ...(await Promise.all([1, 2, 3, 4].map((i) => socket.caption(`later-${i}`, image)))),
      ];
      expect(later.map((o) => finalOf(o)?.type)).toEqual(later.map(() => 'done'));
      expect(captionsToFrozen()).toBe(1);

      // Woken up, it is connected again and takes requests again.
      frozen.worker.child.kill('SIGCONT');
      await waitFor(async () => (await health(edge)).gpu_workers.healthy === 2, 30_000);
      const woken: string[] = [];
      await waitFor(async () => {
        woken.push(finalOf(await socket.caption(`woken-${woken.length}`, image))?.type ?? 'none');
        return captionsToFrozen() > 1;
      }, 30_000);
      expect(woken).toEqual(woken.map(() => 'done'));
      await socket.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});

describe('a request whose deadline passes', () => {
  it(
    'ends with one error for SSE, JSON and WebSocket callers, and the worker keeps serving',
    async () => {
      const a = await workerBehindProxy(['--timeout-ms', '4000']);
      const edge = await edgeFor([a.proxy.url]);
      const image = await testImage();
      const socket = await CaptionSocket.open(edge.url, key.key);
      const deadline = {
        type: 'error',
        code: 'backend_error',
        message: 'the caption did not finish before its deadline; retry',
      };
      // Each request's pixel frame is held until the request has ended: it waits for its image on the worker until
      // its deadline passes. (One at a time: a held frame holds everything behind it.)
      const withPixelsHeld = async <T>(send: () => Promise<T>): Promise<T> => {
        a.proxy.allow = (direction, frame) => direction !== 'toWorker' || frame.opcode !== BINARY;
        const result = await send();
        a.proxy.release();
        return result;
      };
      const streamed = await withPixelsHeld(() => sse(edge));
      expect(streamed).toMatchObject({ status: 502, words: [], finals: [deadline], violations: [] });
      const onSocket = await withPixelsHeld(() => socket.caption('late', image));
      expect(onSocket).toMatchObject({ words: [], finals: [deadline], violations: [] });
      const response = await withPixelsHeld(() =>
        fetch(`${edge.url}/v1/captions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/png' },
          body: image,
        }),
      );
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ error: { code: deadline.code, message: deadline.message } });
      expect(await workerMetric(a.worker, 'caption_worker_errors_total', '{code="deadline_exceeded"}')).toBe(
        3,
      );

      // The late pixel frames were dropped by the worker; the same connection serves the next requests.
      const next = await Promise.all([sse(edge), socket.caption('next', image)]);
      expect(next.map((o) => finalOf(o)?.type)).toEqual(['done', 'done']);
      expect(socket.strays).toEqual([]);
      expect(await workerMetric(a.worker, 'caption_worker_open_connections')).toBe(1);
      expect(await workerMetric(a.worker, 'caption_worker_errors_total', '{code="unknown_request"}')).toBe(0);
      await socket.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
