import {
  isRetryable,
  type RequestErrorCode,
  type ResolvedCaptionOptions,
  type ResultMessage,
  type WordMessage,
  type WorkerMessage,
} from '@captioner/shared/protocol/index.ts';
import { type CaptionEngine, type CaptionResult, EngineError } from '../engine/types.ts';

export type RunState = 'awaiting_pixels' | 'running' | 'ended';

/** How a run ended, for the connection's metrics and log line. */
export type RunEnd =
  | { outcome: 'ok'; result: CaptionResult }
  | { outcome: 'error' | 'cancelled'; code: RequestErrorCode; message: string }
  | { outcome: 'disconnected' };

export interface RunContext {
  engine: CaptionEngine;
  send: (message: WorkerMessage) => void;
  onEnd: (run: RequestRun, end: RunEnd) => void;
}

/**
 * One accepted request, from its `caption` message to its final event: it waits for its pixel frame, runs in the
 * engine while streaming words, and ends exactly once (result, error, or a dropped connection, which sends
 * nothing). Ending aborts the engine job, so a cancelled or failed request frees its batch slot at once.
 */
export class RequestRun {
  #state: RunState = 'awaiting_pixels';
  #frameSeen = false;
  readonly #abort = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly receivedAt = performance.now();
  /** Absolute, on the Date.now() clock, as the engine takes it. */
  readonly deadline: number;
  firstWordMs: number | undefined;
  words = 0;

  constructor(
    readonly id: string,
    readonly width: number,
    readonly height: number,
    readonly options: ResolvedCaptionOptions,
    readonly timeoutMs: number,
    private readonly context: RunContext,
  ) {
    this.deadline = Date.now() + timeoutMs;
    // The engine enforces the deadline too; this timer also covers the wait for pixels and a stuck engine.
    this.#timer = setTimeout(
      () => this.fail('deadline_exceeded', `no caption within the request's ${timeoutMs} ms deadline`),
      timeoutMs,
    );
  }

  get state(): RunState {
    return this.#state;
  }

  /** Whether the pixel frame for this id has arrived, so no later frame with this id belongs to it. */
  get frameSeen(): boolean {
    return this.#frameSeen;
  }

  get elapsedMs(): number {
    return performance.now() - this.receivedAt;
  }

  /** Takes the request's pixel frame: checks it, then starts the engine job. */
  receiveFrame(frameBytes: number, pixels: Uint8Array, maxFrameBytes: number): void {
    if (this.#state === 'ended') return;
    if (this.#frameSeen) {
      this.fail(
        'unexpected_frame',
        `request '${this.id}' already has its pixel frame; send one frame per caption`,
      );
      return;
    }
    this.#frameSeen = true;
    if (frameBytes > maxFrameBytes) {
      this.fail(
        'frame_too_large',
        `pixel frame of ${frameBytes} bytes is over the limit of ${maxFrameBytes}`,
      );
      return;
    }
    const expected = this.width * this.height * 3;
    if (pixels.length !== expected) {
      this.fail(
        'invalid_pixels',
        `a ${this.width}x${this.height} RGB image is ${expected} bytes; the frame carried ${pixels.length}`,
      );
      return;
    }
    this.#start(pixels);
  }

  #start(pixels: Uint8Array): void {
    this.#state = 'running';
    this.#captionInEngine(pixels).then(
      (result) => this.#succeed(result),
      (error: unknown) => {
        if (error instanceof EngineError) this.fail(error.code, error.message, error.retryable);
        else
          this.fail('internal', `engine failure: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }

  async #captionInEngine(pixels: Uint8Array): Promise<CaptionResult> {
    return this.context.engine.caption({
      image: { width: this.width, height: this.height, data: pixels },
      options: this.options,
      signal: this.#abort.signal,
      deadline: this.deadline,
      onWord: (word) => {
        if (this.#state !== 'running') return;
        this.firstWordMs ??= this.elapsedMs;
        this.words++;
        const message: WordMessage = { type: 'word', id: this.id, index: word.index, text: word.text };
        if (word.attention) message.attention = word.attention;
        this.context.send(message);
      },
    });
  }

  #succeed(result: CaptionResult): void {
    if (!this.#end()) return;
    const message: ResultMessage = {
      type: 'result',
      id: this.id,
      caption: result.caption,
      confidence: result.confidence,
      reliability: result.reliability,
      alternatives: result.alternatives,
      tokens: result.tokens,
      timings: result.timings,
    };
    if (result.attentionGrid) message.attentionGrid = result.attentionGrid;
    this.context.send(message);
    this.context.onEnd(this, { outcome: 'ok', result });
  }

  /** Ends the request with an error event (its final event); a no-op once it has ended. */
  fail(code: RequestErrorCode, message: string, retryable = isRetryable(code)): void {
    if (!this.#end()) return;
    this.context.send({ type: 'error', id: this.id, code, message, retryable });
    this.context.onEnd(this, { outcome: code === 'cancelled' ? 'cancelled' : 'error', code, message });
  }

  /** The peer is gone: stop the engine job, send nothing. */
  abandon(): void {
    if (!this.#end()) return;
    this.context.onEnd(this, { outcome: 'disconnected' });
  }

  #end(): boolean {
    if (this.#state === 'ended') return false;
    this.#state = 'ended';
    clearTimeout(this.#timer);
    this.#abort.abort();
    return true;
  }
}
