import type * as ort from 'onnxruntime-node';
import { BeamState } from '../decode/beam-state.ts';
import type { PastKeyValues } from '../model/caption-model.ts';
import type { ModelDirectory } from '../model/model-directory.ts';
import type { ObjectEstimate } from '../model/object-gate.ts';
import type { CaptionReliability } from '../verifier/caption-reliability.ts';
import { type CaptionJob, type CaptionResult, EngineError } from './types.ts';
import { WordStream } from './word-stream.ts';

let nextSerial = 0;

/** A request admitted to the batch: its search state, cache, and the promise to settle exactly once. */
export class ActiveRequest {
  readonly state: BeamState;
  readonly words: WordStream;
  cache: PastKeyValues | null = null;
  states: ort.Tensor | null = null;
  /** Cross-attention keys/values of this request's image, per layer [1, H, N, E], when the model has the graphs. */
  crossKeyValues: ort.Tensor[] | null = null;
  /** Identifies the request in the engine's cache of stacked cross-attention tensors. */
  readonly serial = nextSerial++;
  readonly submittedAt = performance.now();
  admittedAt = 0;
  encodeMs = 0;
  /** The image's presence and count estimates, when the model has the heads. */
  estimate: ObjectEstimate | undefined;
  #settled = false;

  constructor(
    readonly job: CaptionJob,
    private readonly dir: ModelDirectory,
    private readonly grid: { rows: number; cols: number } | undefined,
    private readonly reliability: CaptionReliability,
    private readonly resolve: (result: CaptionResult) => void,
    private readonly reject: (error: EngineError) => void,
  ) {
    const { generation } = dir;
    this.state = new BeamState(
      {
        numBeams: job.options.beams,
        maxLength: job.options.maxWords + 2,
        minLength: generation.min_length,
        lengthPenalty: generation.length_penalty,
        earlyStopping: generation.early_stopping,
        noRepeatNgramSize: generation.no_repeat_ngram_size,
      },
      dir.startId,
      dir.eosIds,
    );
    this.words = new WordStream(dir.tokenizer, dir.eosIds);
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Why the request must leave the batch now, if it must. */
  interruption(now = Date.now()): EngineError | undefined {
    if (this.job.signal?.aborted) return new EngineError('cancelled', 'request cancelled');
    if (this.job.deadline !== undefined && now > this.job.deadline) {
      return new EngineError('deadline_exceeded', 'request deadline passed before the caption was finished');
    }
    return undefined;
  }

  /** Streams the words that became final since the last call. */
  emitWords(): void {
    const settled = this.state.settledTokens();
    const maps = this.job.options.attention ? this.state.settledAttention(settled.length) : [];
    for (const word of this.words.update(settled, this.state.done)) {
      const start = word.index === 0 ? 0 : Math.min(word.tokenEnd - 1, maps.length - 1);
      const attention = this.job.options.attention
        ? meanMap(maps.slice(start, Math.max(start + 1, word.tokenEnd)))
        : undefined;
      this.job.onWord?.({ index: word.index, text: word.text, ...(attention ? { attention } : {}) });
    }
  }

  succeed(): void {
    if (this.#settled) return;
    this.emitWords();
    this.#settled = true;
    const ranked = this.state.ranked();
    const best = ranked[0];
    const { tokenizer } = this.dir;
    const tokens = best?.tokens.length ?? 0;
    const now = performance.now();
    const { features, reliability } = this.reliability.assess(ranked, this.estimate);
    this.resolve({
      caption: best ? tokenizer.decode(best.tokens) : '',
      // exp(mean log-probability per token): the geometric mean of the chosen tokens' probabilities, in [0, 1]
      // and comparable across caption lengths, unlike the raw sequence probability.
      confidence: best && tokens > 0 ? Math.exp(best.logProb / tokens) : 0,
      reliability,
      features,
      alternatives: ranked
        .slice(0, this.job.options.alternatives)
        .map((h) => ({ caption: tokenizer.decode(h.tokens), score: h.score })),
      tokens,
      timings: {
        queueMs: this.admittedAt - this.submittedAt,
        encodeMs: this.encodeMs,
        decodeMs: now - this.admittedAt - this.encodeMs,
        totalMs: now - this.submittedAt,
      },
      ...(this.job.options.attention && this.grid ? { attentionGrid: this.grid } : {}),
    });
  }

  fail(error: EngineError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.cache = null;
    this.reject(error);
  }
}

function meanMap(maps: readonly Float32Array[]): number[] | undefined {
  const first = maps[0];
  if (!first) return undefined;
  const out = new Array<number>(first.length).fill(0);
  for (const map of maps)
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (map[i] ?? 0) / maps.length;
  return out;
}
