import {
  type ConnectionErrorCode,
  decodePixelFrame,
  type Hello,
  isRetryable,
  parseEdgeMessage,
  type RequestErrorCode,
  resolveCaptionRequest,
  type WorkerMessage,
} from '@captioner/shared/protocol/index.ts';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { CaptionEngine } from '../engine/types.ts';
import type { CloseReason, ServerMetrics } from './metrics.ts';
import { Outbound } from './outbound.ts';
import { RequestRun, type RunEnd } from './request-run.ts';
import type { ResolvedTunables } from './server-options.ts';

function duplicateMessage(id: string): string {
  return `request id '${id}' was reused while in flight; both requests are refused`;
}

/** Ids that ended before their pixel frame arrived; bounded so a client that never sends frames cannot grow it. */
const MAX_ORPHAN_IDS = 1024;

export interface ConnectionContext {
  engine: CaptionEngine;
  hello: Hello;
  tunables: ResolvedTunables;
  metrics: ServerMetrics;
  logger: Logger;
  onClose: (connection: CaptionConnection) => void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * One authenticated edge connection: turns protocol messages into request runs, multiplexed by id. Bad input
 * fails only the request it names (or, where it names none, draws a connection-level error); the socket stays open.
 */
export class CaptionConnection {
  readonly #runs = new Map<string, RequestRun>();
  readonly #orphans = new Set<string>();
  readonly #outbound: Outbound;
  readonly #log: Logger;
  readonly #idleWaiters: (() => void)[] = [];
  #draining = false;
  #alive = true;
  #closeReason: CloseReason = 'peer';

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly context: ConnectionContext,
  ) {
    this.#log = context.logger.child({ conn: id });
    this.#outbound = new Outbound(
      socket,
      context.tunables,
      () => {
        context.metrics.backpressurePauses.inc();
        this.#log.debug(
          { bufferedBytes: socket.bufferedAmount },
          'send buffer past high-water mark: paused reading',
        );
      },
      (bufferedBytes) => this.terminate('slow_reader', { bufferedBytes }),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.#onFrame(toBytes(data));
      else this.#onText(Buffer.from(toBytes(data)).toString('utf8'));
    });
    socket.on('pong', () => {
      this.#alive = true;
    });
    socket.on('error', (error: Error & { code?: string }) => {
      this.#closeReason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'message_too_big' : 'error';
      this.#log.warn({ err: error.message, code: error.code }, 'socket error');
    });
    socket.on('close', (code) => this.#onClose(code));
    this.#outbound.send(context.hello);
  }

  get activeRequests(): number {
    return this.#runs.size;
  }

  get bufferedAmount(): number {
    return this.#outbound.bufferedAmount;
  }

  /** One heartbeat tick: terminates the peer if it has not answered the previous ping. */
  heartbeat(): void {
    if (!this.#alive) {
      this.terminate('heartbeat_timeout', {});
      return;
    }
    this.#alive = false;
    this.socket.ping();
  }

  /** Shutdown has begun: refuse new requests, let the ones in flight finish. */
  drain(): void {
    this.#draining = true;
  }

  /** Resolves once no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.#runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Ends every request in flight with an error event. */
  failAll(code: RequestErrorCode, message: string): void {
    for (const run of [...this.#runs.values()]) run.fail(code, message);
  }

  /** Closes with a close frame (after what is queued), or terminates if the peer does not answer in time. */
  close(code: number, reason: string, reasonLabel: CloseReason, timeoutMs: number): Promise<void> {
    this.#closeReason = reasonLabel;
    return new Promise((resolve) => {
      if (this.socket.readyState === this.socket.CLOSED) {
        resolve();
        return;
      }
      const timer = setTimeout(() => this.socket.terminate(), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close(code, reason);
    });
  }

  terminate(reason: CloseReason, details: Record<string, unknown>): void {
    this.#closeReason = reason;
    this.#log.warn({ reason, ...details, requests: this.#runs.size }, 'terminating connection');
    this.socket.terminate();
  }

  #send = (message: WorkerMessage): void => {
    if (message.type === 'error') this.context.metrics.errors.inc({ code: message.code });
    this.#outbound.send(message);
  };

  #connectionError(code: ConnectionErrorCode, message: string): void {
    this.#log.info({ code, message }, 'connection-level error');
    this.#send({ type: 'error', code, message, retryable: false });
  }

  #onText(text: string): void {
    const parsed = parseEdgeMessage(text);
    if (!parsed.ok) {
      if (parsed.id === undefined)
        this.#connectionError(
          parsed.code === 'invalid_json' ? 'invalid_json' : 'invalid_message',
          parsed.message,
        );
      else this.#refuse(parsed.id, 'invalid_request', parsed.message);
      return;
    }
    const message = parsed.message;
    if (message.type === 'cancel') {
      // A cancel for an id that already ended is a normal race with its final event: nothing to do.
      this.#runs.get(message.id)?.fail('cancelled', 'cancelled by the client');
      return;
    }
    const { id } = message;
    if (this.#runs.has(id)) {
      this.#refuse(id, 'duplicate_id', duplicateMessage(id));
      return;
    }
    if (this.#draining) {
      this.#refuse(id, 'shutting_down', 'the worker is shutting down; send the request to another worker');
      return;
    }
    const { maxConcurrentRequests } = this.context.hello.limits;
    if (this.#runs.size >= maxConcurrentRequests) {
      this.#refuse(
        id,
        'too_many_requests',
        `this connection already has ${maxConcurrentRequests} requests in flight`,
      );
      return;
    }
    const resolved = resolveCaptionRequest(
      message,
      this.context.hello.limits,
      this.context.hello.model.supportsAttention,
    );
    if (!resolved.ok) {
      this.#refuse(id, resolved.code, resolved.message);
      return;
    }
    this.#orphans.delete(id);
    const run = new RequestRun(id, message.width, message.height, resolved.options, resolved.timeoutMs, {
      engine: this.context.engine,
      send: this.#send,
      onEnd: (ended, end) => this.#onRunEnd(ended, end),
    });
    this.#runs.set(id, run);
  }

  /**
   * Refuses a `caption` before accepting it. When its id is in flight, the id is ambiguous (which request would
   * the next frame or cancel name?), so the request in flight ends with `duplicate_id`: one final event per id.
   */
  #refuse(id: string, code: RequestErrorCode, message: string): void {
    const inFlight = this.#runs.get(id);
    if (inFlight) {
      inFlight.fail('duplicate_id', duplicateMessage(id));
    } else {
      this.#send({ type: 'error', id, code, message, retryable: isRetryable(code) });
      this.context.metrics.requests.inc({ outcome: 'rejected' });
      this.#log.info({ id, outcome: 'rejected', code, message }, 'request ended');
    }
    // Its pixel frame may already be on the way; it must not be taken for another request's.
    this.#rememberOrphan(id);
  }

  #onFrame(frame: Uint8Array): void {
    const decoded = decodePixelFrame(frame);
    if (!decoded.ok) {
      this.#connectionError('invalid_frame', `unreadable pixel frame: ${decoded.message}`);
      return;
    }
    const run = this.#runs.get(decoded.id);
    if (run) {
      run.receiveFrame(frame.length, decoded.pixels, this.context.hello.limits.maxPixelFrameBytes);
      return;
    }
    // The frame of a request that ended (cancelled, refused) before it arrived: its final event is already out.
    if (this.#orphans.delete(decoded.id)) return;
    this.#send({
      type: 'error',
      id: decoded.id,
      code: 'unknown_request',
      message: `no request '${decoded.id}' is waiting for pixels; send its caption message first`,
      retryable: false,
    });
  }

  #rememberOrphan(id: string): void {
    this.#orphans.delete(id);
    this.#orphans.add(id);
    if (this.#orphans.size > MAX_ORPHAN_IDS) {
      const oldest = this.#orphans.values().next();
      if (!oldest.done) this.#orphans.delete(oldest.value);
    }
  }

  #onRunEnd(run: RequestRun, end: RunEnd): void {
    if (this.#runs.get(run.id) === run) this.#runs.delete(run.id);
    if (!run.frameSeen && end.outcome !== 'disconnected') this.#rememberOrphan(run.id);
    const { metrics } = this.context;
    const totalMs = run.elapsedMs;
    metrics.requests.inc({ outcome: end.outcome });
    metrics.requestDuration.observe({ outcome: end.outcome }, totalMs / 1000);
    if (run.firstWordMs !== undefined) metrics.timeToFirstWord.observe(run.firstWordMs / 1000);
    this.#log.info(
      {
        id: run.id,
        outcome: end.outcome,
        code: 'code' in end ? end.code : undefined,
        beams: run.options.beams,
        words: run.words,
        firstWordMs: run.firstWordMs === undefined ? undefined : Math.round(run.firstWordMs),
        totalMs: Math.round(totalMs),
        ...(end.outcome === 'ok' ? { engine: end.result.timings } : {}),
      },
      'request ended',
    );
    if (this.#runs.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #onClose(code: number): void {
    for (const run of [...this.#runs.values()]) run.abandon();
    this.#orphans.clear();
    this.context.metrics.connectionsClosed.inc({ reason: this.#closeReason });
    this.#log.info({ code, reason: this.#closeReason }, 'connection closed');
    this.context.onClose(this);
  }
}
