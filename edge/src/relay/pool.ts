import {
  type AuthKey,
  type CaptionMessage,
  encodePixelFrame,
  resolveCaptionRequest,
} from '@captioner/shared/protocol/index.ts';
import { Backend, type Job } from './backend.ts';
import type { ModelInfo, RelayEvent, RelayJob } from './relay-events.ts';
import { UpstreamConnection, type UpstreamMessage } from './upstream.ts';
import { relayErrorFor } from './upstream-errors.ts';

export interface PoolOptions {
  /** Base URLs of the GPU workers (`http://host:port`). */
  workers: readonly string[];
  key: Promise<AuthKey>;
  /** Connect + hello deadline per worker. */
  connectTimeoutMs?: number;
  /** Waiting before reconnecting to a worker that failed, doubled per failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Added to a request's own deadline before the relay gives up on a silent worker. */
  deadlineGraceMs?: number;
}

export interface JobHandle {
  /** The client went away: cancel upstream, emit nothing more. */
  cancel(): void;
}

/**
 * The GPU workers behind the edge: one multiplexed WebSocket each, opened on demand and re-opened with backoff.
 * A request goes to the least-loaded open worker; if that worker fails before the first word (socket lost, or a
 * retryable refusal such as `queue_full`), the request is sent once more, preferably to another worker. After a
 * word has been streamed the client gets an error instead, since the words it saw may not be the retry's.
 */
export class WorkerPool {
  readonly #backends: Backend[];
  readonly #options: Required<Omit<PoolOptions, 'workers' | 'key'>>;
  readonly #key: Promise<AuthKey>;
  readonly #inFlightByKey = new Map<string, number>();
  #nextId = 0;
  #rotation = 0;

  constructor(options: PoolOptions) {
    if (options.workers.length === 0) throw new RangeError('WorkerPool: configure at least one GPU worker');
    this.#backends = options.workers.map((url) => new Backend(url));
    this.#key = options.key;
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 15_000,
      deadlineGraceMs: options.deadlineGraceMs ?? 10_000,
    };
  }

  /** The model of the first open worker (all workers in a pool serve the same model). */
  async model(): Promise<ModelInfo | undefined> {
    const [backend] = await this.#open();
    const hello = backend?.hello;
    if (hello === undefined) return undefined;
    return {
      name: hello.model.name,
      inputWidth: hello.model.inputWidth,
      inputHeight: hello.model.inputHeight,
      supportsAttention: hello.model.supportsAttention,
      maxBeams: hello.limits.maxBeams,
      maxWords: hello.limits.maxWords,
    };
  }

  /** Tries the workers that are down (unless backing off), then counts the open ones. */
  async status(): Promise<{ healthy: number; total: number; inFlight: number }> {
    await this.#open();
    const healthy = this.#backends.filter((b) => b.hello !== undefined).length;
    const inFlight = this.#backends.reduce((n, b) => n + b.jobs.size, 0);
    return { healthy, total: this.#backends.length, inFlight };
  }

  /** Starts a caption; events (then exactly one final event) go to `emit`. */
  start(spec: RelayJob, pixels: Uint8Array, emit: (event: RelayEvent) => void): JobHandle {
    const job: Job = { spec, pixels, emit, attempts: 0, words: 0, finished: false };
    const running = this.#inFlightByKey.get(spec.keyId) ?? 0;
    if (running >= spec.maxConcurrent) {
      job.finished = true;
      emit({
        type: 'error',
        code: 'rate_limited',
        message: `this key already has ${running} captions in flight (limit ${spec.maxConcurrent}); wait for one to finish`,
        retryAfterSeconds: 1,
      });
      return { cancel: () => {} };
    }
    this.#inFlightByKey.set(spec.keyId, running + 1);
    void this.#dispatch(job, undefined);
    return { cancel: () => this.#cancel(job) };
  }

  /** Opens connections to workers that are down and not backing off; resolves with the open ones. */
  async #open(): Promise<Backend[]> {
    const now = Date.now();
    for (const backend of this.#backends) {
      if (backend.hello === undefined && backend.connecting === undefined && backend.retryAt <= now) {
        backend.connecting = this.#connect(backend).finally(() => {
          backend.connecting = undefined;
        });
      }
    }
    await Promise.all(this.#backends.map((b) => b.connecting));
    return this.#backends.filter((b) => b.hello !== undefined);
  }

  async #connect(backend: Backend): Promise<void> {
    try {
      backend.connection = await UpstreamConnection.connect(
        backend.url,
        await this.#key,
        {
          onMessage: (message) => this.#onMessage(backend, message),
          onClose: (reason) => this.#onClose(backend, reason),
        },
        this.#options.connectTimeoutMs,
      );
      backend.failures = 0;
      backend.lastError = '';
    } catch (error) {
      this.#markFailed(backend, error instanceof Error ? error.message : String(error));
    }
  }

  #markFailed(backend: Backend, reason: string): void {
    backend.connection = undefined;
    backend.failures += 1;
    const backoff = Math.min(
      this.#options.backoffMs * 2 ** (backend.failures - 1),
      this.#options.maxBackoffMs,
    );
    backend.retryAt = Date.now() + backoff;
    backend.lastError = reason;
    console.warn(`GPU worker ${backend.url}: ${reason}; next try in ${backoff} ms`);
  }

  /** Least loaded open worker, skipping `avoid` unless it is the only one; rotation breaks ties. */
  #choose(open: Backend[], avoid: Backend | undefined): Backend | undefined {
    const others = open.filter((b) => b !== avoid);
    const candidates = others.length > 0 ? others : open;
    const start = this.#rotation++ % Math.max(candidates.length, 1);
    const rotated = [...candidates.slice(start), ...candidates.slice(0, start)];
    let best: Backend | undefined;
    for (const backend of rotated) if (best === undefined || backend.load < best.load) best = backend;
    return best;
  }

  async #dispatch(job: Job, avoid: Backend | undefined): Promise<void> {
    job.attempts += 1;
    const backend = this.#choose(await this.#open(), avoid);
    if (job.finished) return; // cancelled while connecting
    const connection = backend?.connection;
    if (backend === undefined || connection === undefined || backend.hello === undefined) {
      const reasons = this.#backends.map((b) => b.lastError).filter((r) => r !== '');
      this.#finish(job, {
        type: 'error',
        code: 'backend_unavailable',
        message: `no GPU worker is reachable${reasons.length > 0 ? ` (${reasons[0]})` : ''}; retry shortly`,
        retryAfterSeconds: 2,
      });
      return;
    }
    const id = `r${++this.#nextId}`;
    const caption: CaptionMessage = {
      type: 'caption',
      id,
      width: job.spec.width,
      height: job.spec.height,
      options: job.spec.options,
    };
    const resolved = resolveCaptionRequest(
      caption,
      backend.hello.limits,
      backend.hello.model.supportsAttention,
    );
    if (!resolved.ok) {
      this.#finish(job, {
        type: 'error',
        code: resolved.code === 'frame_too_large' ? 'backend_error' : 'invalid_request',
        message: resolved.message.replace('maxWords', 'max_words'),
      });
      return;
    }
    job.upstreamId = id;
    job.backend = backend;
    backend.jobs.set(id, job);
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.#expire(job), resolved.timeoutMs + this.#options.deadlineGraceMs);
    try {
      connection.send(caption);
      connection.sendFrame(encodePixelFrame(id, job.pixels));
    } catch (error) {
      // The socket died between the choice and the send: the close handler retries or fails the job.
      console.warn(`GPU worker ${backend.url}: send failed: ${String(error)}`);
    }
  }

  #onMessage(backend: Backend, message: UpstreamMessage): void {
    if (message.id === undefined) {
      if (message.type === 'error')
        console.warn(`GPU worker ${backend.url}: ${message.code}: ${message.message}`);
      return;
    }
    const job = backend.jobs.get(message.id);
    if (job === undefined) return; // ended here already (cancelled, expired): late events are expected
    switch (message.type) {
      case 'word':
        job.words += 1;
        job.emit({ type: 'word', index: message.index, text: message.text, attention: message.attention });
        return;
      case 'result':
        this.#finish(job, {
          type: 'result',
          caption: message.caption,
          confidence: message.confidence,
          reliability: message.reliability ?? null,
          alternatives: message.alternatives,
          tokens: message.tokens,
          timings: message.timings,
          attentionGrid: message.attentionGrid,
          model: backend.hello?.model.name ?? 'unknown',
          attempts: job.attempts,
        });
        return;
      case 'error':
        if (message.retryable && job.words === 0 && job.attempts < 2) {
          this.#detach(job);
          void this.#dispatch(job, backend);
          return;
        }
        this.#finish(job, relayErrorFor(message.code, message.message));
        return;
    }
  }

  #onClose(backend: Backend, reason: string): void {
    this.#markFailed(backend, `connection lost: ${reason}`);
    const jobs = [...backend.jobs.values()];
    backend.jobs.clear();
    for (const job of jobs) {
      job.backend = undefined;
      if (job.words === 0 && job.attempts < 2) {
        void this.#dispatch(job, backend);
      } else {
        this.#finish(job, {
          type: 'error',
          code: 'backend_error',
          message:
            job.words > 0
              ? `the GPU worker was lost after ${job.words} words; send the request again`
              : 'the GPU worker was lost twice; send the request again',
        });
      }
    }
  }

  #expire(job: Job): void {
    if (job.finished) return;
    const connection = job.backend?.connection;
    this.#sendCancel(job);
    this.#finish(job, {
      type: 'error',
      code: 'backend_error',
      message: 'the GPU worker did not finish the caption in time; retry',
    });
    // A live worker ends a request at its deadline itself; one that has also sent nothing for the whole grace
    // period is frozen or behind a half-open connection. Dropping the socket fails its other requests over now
    // (instead of each waiting out its deadline) and stops new ones going there until a reconnect succeeds.
    const silentMs = Date.now() - (connection?.lastMessageAt ?? Date.now());
    if (connection !== undefined && silentMs >= this.#options.deadlineGraceMs) {
      connection.abandon(`no message for ${silentMs} ms, past a request's deadline`);
    }
  }

  #cancel(job: Job): void {
    if (job.finished) return;
    this.#sendCancel(job);
    this.#end(job);
  }

  #sendCancel(job: Job): void {
    const connection = job.backend?.connection;
    if (job.upstreamId === undefined || connection?.isOpen !== true) return;
    try {
      connection.send({ type: 'cancel', id: job.upstreamId });
    } catch {
      // The socket is gone, which ends the request on the worker too.
    }
  }

  #detach(job: Job): void {
    if (job.upstreamId !== undefined) job.backend?.jobs.delete(job.upstreamId);
    job.backend = undefined;
    job.upstreamId = undefined;
  }

  #finish(job: Job, event: RelayEvent): void {
    if (job.finished) return;
    this.#end(job);
    job.emit(event);
  }

  #end(job: Job): void {
    job.finished = true;
    clearTimeout(job.timer);
    this.#detach(job);
    const running = (this.#inFlightByKey.get(job.spec.keyId) ?? 1) - 1;
    if (running > 0) this.#inFlightByKey.set(job.spec.keyId, running);
    else this.#inFlightByKey.delete(job.spec.keyId);
  }
}
