// Two GPU workers sharing a load; one is killed with SIGKILL while both have requests in flight. Its requests that
// had streamed words end with one error event; those that had not are retried on the other worker and succeed;
// the other worker's own requests complete untouched, on the connection they started on.
import { describe, expect, it } from 'vitest';
import { type CaptionOutcome, CaptionSocket, captionSse, finalOf } from '../../src/load/clients.ts';
import { waitFor, workerMetric } from '../edge/harness.ts';
import {
  FAULT_TEST_TIMEOUT_MS,
  edgeFor,
  health,
  isHello,
  isWord,
  key,
  testImage,
  workerBehindProxy,
} from './stack.ts';

const SSE_CLIENTS = 8;
const WS_CLIENTS = 2;
const WS_REQUESTS_EACH = 4;
const TOTAL = SSE_CLIENTS + WS_CLIENTS * WS_REQUESTS_EACH;
/** Words of the doomed worker that reach the edge before it dies. */
const WORDS_BEFORE_KILL = 3;

const captionIds = (messages: { type?: string; id?: string }[]) =>
  messages.filter((m) => m.type === 'caption').map((m) => m.id ?? '');

describe('one of two GPU workers killed under load', () => {
  it(
    'fails over or errors its own requests and leaves the other worker’s untouched',
    async () => {
      const doomed = await workerBehindProxy();
      const survivor = await workerBehindProxy();
      const edge = await edgeFor([doomed.proxy.url, survivor.proxy.url]);
      const image = await testImage();

      // Nothing but the hello reaches the edge until every request has been dispatched, so the two workers share
      // them (least loaded first); then the doomed worker streams a few words and is frozen there.
      for (const { proxy } of [doomed, survivor])
        proxy.allow = (direction, frame) => direction !== 'toEdge' || isHello(frame.text);
      const doomedWordIds = new Set<string>();
      const sockets = await Promise.all(
        Array.from({ length: WS_CLIENTS }, () => CaptionSocket.open(edge.url, key.key)),
      );
      const pending: Promise<CaptionOutcome>[] = [
        ...Array.from({ length: SSE_CLIENTS }, () =>
          captionSse({ edgeUrl: edge.url, key: key.key, image, contentType: 'image/png' }),
        ),
        ...sockets.flatMap((socket, s) =>
          Array.from({ length: WS_REQUESTS_EACH }, (_, i) => socket.caption(`s${s}-r${i}`, image)),
        ),
      ];
      const dispatched = () =>
        captionIds(doomed.proxy.messages('toWorker')).length +
        captionIds(survivor.proxy.messages('toWorker')).length;
      await waitFor(() => dispatched() === TOTAL);
      const onDoomed = captionIds(doomed.proxy.messages('toWorker'));
      const onSurvivor = captionIds(survivor.proxy.messages('toWorker'));
      expect(onDoomed.length).toBeGreaterThan(0);
      expect(onSurvivor.length).toBeGreaterThan(0);

      let words = WORDS_BEFORE_KILL;
      doomed.proxy.allow = (direction, frame) => {
        if (direction !== 'toEdge' || isHello(frame.text)) return true;
        if (!isWord(frame.text) || words <= 0) return false;
        words -= 1;
        doomedWordIds.add((JSON.parse(frame.text ?? '{}') as { id: string }).id);
        return true;
      };
      doomed.proxy.pump();
      await waitFor(() => words === 0);
      await doomed.worker.stop('SIGKILL');
      survivor.proxy.release();

      const outcomes = await Promise.all(pending);
      for (const outcome of outcomes) expect(outcome.violations).toEqual([]);
      const errors = outcomes.filter((o) => finalOf(o)?.type === 'error');
      const done = outcomes.filter((o) => finalOf(o)?.type === 'done');
      // Exactly the requests that had streamed words from the doomed worker fail, each after its words.
      expect(errors).toHaveLength(doomedWordIds.size);
      expect(done).toHaveLength(TOTAL - doomedWordIds.size);
      for (const outcome of errors) {
        expect(outcome.words.length).toBeGreaterThan(0);
        expect(finalOf(outcome)).toMatchObject({ type: 'error', code: 'backend_error' });
      }
      for (const outcome of done) {
        const final = finalOf(outcome);
        expect(final?.type === 'done' && final.caption).toBe(outcome.words.map((w) => w.text).join(' '));
      }
      for (const socket of sockets) expect(socket.strays).toEqual([]);

      // The survivor got its own requests plus one retry per doomed request that had not streamed a word, and
      // answered every one on its first connection.
      const retried = onDoomed.length - doomedWordIds.size;
      expect(captionIds(survivor.proxy.messages('toWorker'))).toHaveLength(onSurvivor.length + retried);
      expect(await workerMetric(survivor.worker, 'caption_worker_requests_total', '{outcome="ok"}')).toBe(
        onSurvivor.length + retried,
      );
      expect(await workerMetric(survivor.worker, 'caption_worker_open_connections')).toBe(1);

      // And it carries the load alone until the other comes back.
      const after = await Promise.all(
        Array.from({ length: 4 }, () =>
          captionSse({ edgeUrl: edge.url, key: key.key, image, contentType: 'image/png' }),
        ),
      );
      expect(after.map((o) => finalOf(o)?.type)).toEqual(['done', 'done', 'done', 'done']);
      expect(await health(edge)).toMatchObject({ status: 'ok', gpu_workers: { healthy: 1, total: 2 } });
      for (const socket of sockets) await socket.close();
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
