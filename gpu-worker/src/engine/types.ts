import type { RgbImage } from '@captioner/shared';

/**
 * The decoding engine's contract with the server: the server turns protocol messages into `CaptionJob`s and
 * engine events back into messages. Everything here is per request; the engine batches requests internally.
 */

export interface CaptionOptions {
  /** Beam size, 1..8; 1 is greedy. */
  beams: number;
  /** Longest caption in words (tokens for sub-word models), EOS excluded. */
  maxWords: number;
  /** Size of the n-best list returned, 1..beams. */
  alternatives: number;
  /** Return a cross-attention map over image patches for each word. */
  attention: boolean;
}

export interface StreamedWord {
  /** 0-based position of the word in the caption. */
  index: number;
  text: string;
  /** Mean cross-attention over heads and layers for this word's tokens, one weight per image patch (row-major grid). */
  attention?: number[];
}

export interface CaptionResult {
  caption: string;
  /** In [0, 1]: exp of the best hypothesis' mean token log-probability (see engine README for why). */
  confidence: number;
  /**
   * In [0, 1]: the model's verifier's estimate of the probability that every object the caption names is in the
   * image (docs/engine.md, Reliability); null when the model has no verifier.json.
   */
  reliability: number | null;
  /** The caption's verifier features in FEATURE_NAMES order (verifier/caption-features.ts); for fitting tools. */
  features: number[];
  /** The n-best list, best first; score is the length-normalised log-probability used to rank them. */
  alternatives: { caption: string; score: number }[];
  tokens: number;
  /** Milliseconds spent per stage for this request. */
  timings: { queueMs: number; encodeMs: number; decodeMs: number; totalMs: number };
  /** Patch grid of the attention maps, when asked for. */
  attentionGrid?: { rows: number; cols: number };
}

export interface CaptionJob {
  image: RgbImage;
  options: CaptionOptions;
  /** Called once per word, in order, as soon as the word is final; the result's caption equals their join. */
  onWord?: (word: StreamedWord) => void;
  /** Aborting frees the request's batch slot at once; the promise then rejects with code `cancelled`. */
  signal?: AbortSignal;
  /** Absolute deadline (ms since epoch, Date.now() clock); past it the request fails with `deadline_exceeded`. */
  deadline?: number;
}

export type EngineErrorCode =
  | 'queue_full'
  | 'cancelled'
  | 'deadline_exceeded'
  | 'invalid_options'
  | 'attention_unsupported'
  | 'shutting_down'
  | 'internal';

/** A failure of one request, with a stable code; `retryable` tells a client whether trying again may succeed. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly retryable = code === 'queue_full' || code === 'shutting_down',
  ) {
    super(message);
  }
}

export interface EngineStats {
  queueDepth: number;
  activeRequests: number;
  /** Rows in the last decoder call. */
  lastBatchRows: number;
}

/** What the server needs from the engine. */
export interface CaptionEngine {
  /** Model facts the worker announces to the edge. */
  readonly model: {
    name: string;
    inputWidth: number;
    inputHeight: number;
    imageMean: [number, number, number];
    imageStd: [number, number, number];
    maxWords: number;
    maxBeams: number;
    supportsAttention: boolean;
  };
  caption(job: CaptionJob): Promise<CaptionResult>;
  stats(): EngineStats;
  /** Stops admitting; in-flight requests finish (or fail with `shutting_down` after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}
