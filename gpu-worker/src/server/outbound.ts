import type { WorkerMessage } from '@captioner/shared/protocol/index.ts';
import { WebSocket } from 'ws';

export interface OutboundLimits {
  highWaterMark: number;
  lowWaterMark: number;
  maxBufferedBytes: number;
}

/**
 * Messages to one peer, with explicit backpressure. Output per request is bounded (maxWords words), so the send
 * buffer can only grow without bound if new requests keep arriving: past the high-water mark the socket stops
 * reading, which stops new requests (and pushes back on the edge through TCP) while the ones in flight finish.
 * Reading resumes once a write completes with the buffer at or below the low-water mark. A buffer that reaches
 * `maxBufferedBytes` anyway means a peer that stopped reading for good: `onOverflow` terminates it.
 */
export class Outbound {
  #paused = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: OutboundLimits,
    private readonly onPause: () => void,
    private readonly onOverflow: (bufferedBytes: number) => void,
  ) {}

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  get paused(): boolean {
    return this.#paused;
  }

  send(message: WorkerMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(message), () => this.#afterWrite());
    const buffered = this.socket.bufferedAmount;
    if (buffered >= this.limits.maxBufferedBytes) {
      this.onOverflow(buffered);
    } else if (buffered > this.limits.highWaterMark && !this.#paused) {
      this.#paused = true;
      this.socket.pause();
      this.onPause();
    }
  }

  // The write callback fires once the bytes are handed to the kernel: the moment the buffer shrinks.
  #afterWrite(): void {
    if (this.#paused && this.socket.bufferedAmount <= this.limits.lowWaterMark) {
      this.#paused = false;
      this.socket.resume();
    }
  }
}
