import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CaptionEngine } from '../engine/types.ts';

/** How a request ended; `rejected` ones were never accepted (bad message, over a limit). */
export type RequestOutcome = 'ok' | 'error' | 'cancelled' | 'disconnected' | 'rejected';

/** Why a connection closed, from the worker's side. */
export type CloseReason =
  | 'peer'
  | 'slow_reader'
  | 'heartbeat_timeout'
  | 'shutdown'
  | 'message_too_big'
  | 'error';

/**
 * The server's Prometheus metrics, in a registry of its own so that several servers (tests) do not collide. Engine
 * gauges read `engine.stats()` at scrape time.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'outcome'>;
  readonly errors: Counter<'code'>;
  readonly timeToFirstWord: Histogram;
  readonly requestDuration: Histogram<'outcome'>;
  readonly openConnections: Gauge;
  readonly connectionsClosed: Counter<'reason'>;
  readonly authFailures: Counter<'code'>;
  readonly backpressurePauses: Counter;

  constructor(engine: CaptionEngine, sendBufferBytes: () => number) {
    const registers = [this.registry];
    const stats = () => engine.stats();
    new Gauge({
      name: 'caption_worker_queue_depth',
      help: 'Requests waiting for a batch slot in the engine.',
      registers,
      collect() {
        this.set(stats().queueDepth);
      },
    });
    new Gauge({
      name: 'caption_worker_active_requests',
      help: 'Requests in the engine batch.',
      registers,
      collect() {
        this.set(stats().activeRequests);
      },
    });
    new Gauge({
      name: 'caption_worker_batch_rows',
      help: 'Decoder rows (beams of all requests) in the last decoder call.',
      registers,
      collect() {
        this.set(stats().lastBatchRows);
      },
    });
    new Gauge({
      name: 'caption_worker_send_buffer_bytes',
      help: 'Bytes queued to be sent, over all connections.',
      registers,
      collect() {
        this.set(sendBufferBytes());
      },
    });
    this.requests = new Counter({
      name: 'caption_worker_requests_total',
      help: 'Caption requests by how they ended.',
      labelNames: ['outcome'],
      registers,
    });
    this.errors = new Counter({
      name: 'caption_worker_errors_total',
      help: 'Error events sent, by protocol error code.',
      labelNames: ['code'],
      registers,
    });
    this.timeToFirstWord = new Histogram({
      name: 'caption_worker_time_to_first_word_seconds',
      help: 'From the caption message to the first streamed word.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'caption_worker_request_duration_seconds',
      help: 'From the caption message to its final event, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.openConnections = new Gauge({
      name: 'caption_worker_open_connections',
      help: 'Authenticated WebSocket connections.',
      registers,
    });
    this.connectionsClosed = new Counter({
      name: 'caption_worker_connections_closed_total',
      help: 'Closed connections by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.authFailures = new Counter({
      name: 'caption_worker_auth_failures_total',
      help: 'Refused handshakes by code.',
      labelNames: ['code'],
      registers,
    });
    this.backpressurePauses = new Counter({
      name: 'caption_worker_backpressure_pauses_total',
      help: 'Times a connection stopped reading because its send buffer passed the high-water mark.',
      registers,
    });
  }
}
