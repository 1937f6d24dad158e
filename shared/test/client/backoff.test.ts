import { describe, expect, it } from 'vitest';
import { retryDelayMs, sleep, withRetries } from '../../src/client/backoff.ts';
import { CaptionApiError, errorFromResponse, parseRetryAfter } from '../../src/client/caption-error.ts';

const limited = (retryAfter?: number) => new CaptionApiError('rate_limited', 'slow down', 429, retryAfter);

describe('retryDelayMs', () => {
  it('waits exactly what Retry-After says, and gives up when that is longer than the longest wait', () => {
    expect(retryDelayMs(limited(3), 1)).toBe(3000);
    expect(retryDelayMs(limited(3), 1, { maxDelayMs: 2000 })).toBeUndefined();
  });

  it('backs off exponentially with equal jitter when the service named no time', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, retries: 5 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(limited(), n, { ...policy, random: () => 0 }))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect(retryDelayMs(limited(), 3, { ...policy, random: () => 0.5 })).toBe(300);
    expect(retryDelayMs(limited(), 6, policy)).toBeUndefined();
  });

  it('retries only rate_limited and backend_unavailable', () => {
    const unavailable = new CaptionApiError('backend_unavailable', 'busy', 503, 2);
    expect(retryDelayMs(unavailable, 1)).toBe(2000);
    for (const code of ['invalid_image', 'backend_error', 'network_error', 'unauthorized'] as const) {
      expect(retryDelayMs(new CaptionApiError(code, 'no'), 1)).toBeUndefined();
    }
  });
});

describe('withRetries', () => {
  it('returns the first success and reports each retry', async () => {
    const outcomes = [limited(0), limited(0), 'ok'];
    const seen: number[] = [];
    const result = await withRetries(
      async () => {
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      { onRetry: ({ attempt }) => seen.push(attempt) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2]);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});

describe('errors from answers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("takes the API's code from the body, and falls back on the status for other answers", async () => {
    const api = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'wait' } }), {
      status: 429,
      headers: { 'retry-after': '4' },
    });
    expect(await errorFromResponse(api)).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 4 });
    const proxy = new Response('<html>Service Unavailable</html>', { status: 503 });
    expect(await errorFromResponse(proxy)).toMatchObject({ code: 'backend_unavailable', status: 503 });
    const teapot = new Response('no', { status: 418 });
    expect(await errorFromResponse(teapot)).toMatchObject({ code: 'invalid_response', status: 418 });
  });
});
