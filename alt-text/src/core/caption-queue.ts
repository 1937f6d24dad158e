import { CaptionApiError, retryDelayMs } from '@captioner/shared/client/index.ts';

export interface QueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Attempts of one task on rate limits and busy GPU workers before it fails. */
  attempts?: number;
  /** Failures in a row that say the service is down or refusing this page, after which the queue stops. */
  maxConsecutiveFailures?: number;
  onStop?: (error: CaptionApiError) => void;
}

// The key is wrong or not allowed here: every request would fail the same way, so stop at the first.
const FATAL = new Set(['unauthorized', 'forbidden_origin']);
// The service is unreachable or failing: stop after a few in a row, so a page does not keep hammering it.
const OUTAGE = new Set([
  'network_error',
  'backend_error',
  'backend_unavailable',
  'internal_error',
  'invalid_response',
]);

type Job<T> = {
  run: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  attempt: number;
};

/**
 * The plugin's own throttle: at most `concurrency` captions in flight, and when the service says slow down
 * (`rate_limited`, `backend_unavailable`) the whole queue pauses for the `Retry-After` (or a backoff) and the task
 * is tried again, instead of every image retrying on its own. A stopped queue fails every task at once.
 */
export class CaptionQueue {
  readonly #waiting: Job<unknown>[] = [];
  #running = 0;
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #consecutiveFailures = 0;
  #stopped: CaptionApiError | undefined;

  constructor(readonly options: QueueOptions) {}

  get stopped(): CaptionApiError | undefined {
    return this.#stopped;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#stopped !== undefined) return Promise.reject(this.#stopped);
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ run: task, resolve, reject, attempt: 1 } as Job<unknown>);
      this.#pump();
    });
  }

  /** Fails everything waiting; nothing new starts. */
  stop(reason: CaptionApiError): void {
    if (this.#stopped !== undefined) return;
    this.#stopped = reason;
    clearTimeout(this.#timer);
    for (const job of this.#waiting.splice(0)) job.reject(reason);
    this.options.onStop?.(reason);
  }

  #pump(): void {
    if (this.#stopped !== undefined) return;
    const wait = this.#pausedUntil - Date.now();
    if (wait > 0) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#pump(), wait);
      return;
    }
    while (this.#running < this.options.concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift();
      if (job !== undefined) void this.#start(job);
    }
  }

  async #start(job: Job<unknown>): Promise<void> {
    this.#running++;
    try {
      const value = await job.run();
      this.#consecutiveFailures = 0;
      job.resolve(value);
    } catch (error) {
      this.#failed(job, error);
    } finally {
      this.#running--;
      this.#pump();
    }
  }

  #failed(job: Job<unknown>, error: unknown): void {
    if (!(error instanceof CaptionApiError)) {
      job.reject(error);
      return;
    }
    const delayMs = retryDelayMs(error, job.attempt, { retries: (this.options.attempts ?? 4) - 1 });
    if (delayMs !== undefined) {
      // Back in line at the front, after a pause that holds back every other image too.
      this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + delayMs);
      job.attempt++;
      this.#waiting.unshift(job);
      return;
    }
    job.reject(error);
    if (FATAL.has(error.code)) this.stop(error);
    else if (OUTAGE.has(error.code) || error.code === 'rate_limited') {
      this.#consecutiveFailures++;
      if (this.#consecutiveFailures >= (this.options.maxConsecutiveFailures ?? 3)) this.stop(error);
    }
  }
}
