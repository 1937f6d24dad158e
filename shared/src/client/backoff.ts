import { CaptionApiError } from './caption-error.ts';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 3. */
  retries?: number;
  /** First backoff when the service gave no `Retry-After`; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest wait between attempts. A `Retry-After` longer than this is not cut short: the error is thrown instead,
   * since retrying earlier than the service asked would only be refused again. Default 30 s.
   */
  maxDelayMs?: number;
  /** Called before each wait: for progress, logs, tests. */
  onRetry?: (retry: { attempt: number; delayMs: number; error: CaptionApiError }) => void;
  /** Random source in [0, 1) for jitter; injectable so tests get exact delays. */
  random?: () => number;
}

/**
 * How long to wait before retry number `attempt` (1-based), or undefined when the error must be thrown. The
 * service's `Retry-After` wins; without one, exponential backoff with "equal jitter" (half fixed, half random)
 * keeps many clients that failed together from coming back together.
 */
export function retryDelayMs(
  error: CaptionApiError,
  attempt: number,
  policy: RetryPolicy = {},
): number | undefined {
  const retries = policy.retries ?? 3;
  const maxDelayMs = policy.maxDelayMs ?? 30_000;
  if (!error.retryable || attempt > retries) return undefined;
  if (error.retryAfter !== undefined) {
    const asked = error.retryAfter * 1000;
    return asked > maxDelayMs ? undefined : asked;
  }
  const ceiling = Math.min(maxDelayMs, (policy.baseDelayMs ?? 500) * 2 ** (attempt - 1));
  return ceiling / 2 + (policy.random ?? Math.random)() * (ceiling / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, throws something not retryable, or the policy runs out. */
export async function withRetries<T>(
  run: () => Promise<T>,
  policy: RetryPolicy = {},
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof CaptionApiError)) throw error;
      const delayMs = retryDelayMs(error, attempt, policy);
      if (delayMs === undefined) throw error;
      policy.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
