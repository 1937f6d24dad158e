import { CaptionApiError } from '@captioner/shared/client/index.ts';
import { describe, expect, it } from 'vitest';
import { CaptionQueue } from '../src/core/caption-queue.ts';

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('CaptionQueue', () => {
  it('never runs more tasks at once than its concurrency, and runs them all', async () => {
    const queue = new CaptionQueue({ concurrency: 2 });
    let running = 0;
    let most = 0;
    const gates = Array.from({ length: 5 }, deferred);
    const done = gates.map((gate, i) =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    for (const gate of gates) {
      await Promise.resolve();
      gate.resolve();
    }
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('retries a rate-limited task after the pause, and the pause holds back the others', async () => {
    const queue = new CaptionQueue({ concurrency: 1 });
    const order: string[] = [];
    let refusals = 1;
    const first = queue.run(async () => {
      order.push('first');
      if (refusals-- > 0) throw new CaptionApiError('rate_limited', 'slow down', 429, 0);
      return 'first done';
    });
    const second = queue.run(async () => {
      order.push('second');
      return 'second done';
    });
    expect(await Promise.all([first, second])).toEqual(['first done', 'second done']);
    // The refused task goes back to the front of the line.
    expect(order).toEqual(['first', 'first', 'second']);
  });

  it('stops at the first unauthorized, failing everything waiting, and refuses new work', async () => {
    const stops: string[] = [];
    const queue = new CaptionQueue({ concurrency: 1, onStop: (error) => stops.push(error.code) });
    const refused = new CaptionApiError('unauthorized', 'the API key is not valid', 401);
    const first = queue.run(async () => {
      throw refused;
    });
    const waiting = queue.run(async () => 'never');
    await expect(first).rejects.toBe(refused);
    await expect(waiting).rejects.toBe(refused);
    await expect(queue.run(async () => 'later')).rejects.toBe(refused);
    expect(stops).toEqual(['unauthorized']);
  });

  it('stops after three outages in a row, but a success in between resets the count', async () => {
    const queue = new CaptionQueue({ concurrency: 1 });
    const down = () => Promise.reject(new CaptionApiError('network_error', 'down'));
    await expect(queue.run(down)).rejects.toMatchObject({ code: 'network_error' });
    await expect(queue.run(down)).rejects.toMatchObject({ code: 'network_error' });
    expect(await queue.run(async () => 'up')).toBe('up');
    await expect(queue.run(down)).rejects.toMatchObject({ code: 'network_error' });
    await expect(queue.run(down)).rejects.toMatchObject({ code: 'network_error' });
    expect(queue.stopped).toBeUndefined();
    await expect(queue.run(down)).rejects.toMatchObject({ code: 'network_error' });
    expect(queue.stopped?.code).toBe('network_error');
  });
});
