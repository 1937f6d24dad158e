/** Per generated token, what the search saw when it chose it: evidence for the verifier (gpu-worker/src/verifier). */
export interface TokenTrace {
  /** Each token's log-probability under the model (the gates ban tokens but do not change the others'). */
  readonly logProbs: readonly number[];
  /** At each token's step, the probability mass the image's gates banned in that beam (0 without gates). */
  readonly gatedMass: readonly number[];
}

export const EMPTY_TRACE: TokenTrace = { logProbs: [], gatedMass: [] };

/** A finished (or, at the end, still running) beam with its length-normalised score. */
export interface Hypothesis {
  /** Generated tokens, start token excluded, EOS included when the beam ended with it. */
  tokens: number[];
  /** Sum of the tokens' log-probabilities. */
  logProb: number;
  /** logProb / generatedLength^lengthPenalty, the ranking score. */
  score: number;
  /** One entry per token of `tokens`. */
  trace: TokenTrace;
}

export type EarlyStopping = boolean | 'never';

/**
 * The K best finished hypotheses of one request, with Hugging Face's `BeamHypotheses` semantics: a newcomer
 * enters while fewer than K are kept or when it beats the worst; the length in the penalty counts generated
 * tokens, EOS included.
 */
export class BeamHypotheses {
  readonly #kept: Hypothesis[] = [];
  #worstScore = 1e9;

  constructor(
    readonly numBeams: number,
    readonly lengthPenalty: number,
    readonly earlyStopping: EarlyStopping,
    /** Maximum generated length (start token excluded), for `early_stopping: "never"`. */
    readonly maxGenerated: number,
  ) {}

  get size(): number {
    return this.#kept.length;
  }

  add(tokens: number[], logProb: number, generatedLength: number, trace: TokenTrace = EMPTY_TRACE): void {
    const score = logProb / generatedLength ** this.lengthPenalty;
    if (this.#kept.length < this.numBeams || score > this.#worstScore) {
      this.#kept.push({ tokens, logProb, score, trace });
      if (this.#kept.length > this.numBeams) {
        // Drop the worst; on equal scores the earliest added goes, as Python's sort of (score, index) pairs does.
        const order = this.#kept
          .map((h, i) => [h.score, i] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        this.#kept.splice(order[0]?.[1] ?? 0, 1);
        this.#worstScore = order[1]?.[0] ?? score;
      } else {
        this.#worstScore = Math.min(score, this.#worstScore);
      }
    }
  }

  /**
   * Whether no running beam can beat the kept hypotheses any more. `bestRunningLogProb` is the best candidate sum
   * this step; `generatedLength` the generated length it was computed at.
   */
  isDone(bestRunningLogProb: number, generatedLength: number): boolean {
    if (this.#kept.length < this.numBeams) return false;
    if (this.earlyStopping === true) return true;
    const length =
      this.earlyStopping === 'never' && this.lengthPenalty > 0 ? this.maxGenerated : generatedLength;
    return this.#worstScore >= bestRunningLogProb / length ** this.lengthPenalty;
  }

  /** Kept hypotheses, best first; among equal scores the later added first, as popping a sorted list does. */
  ranked(): Hypothesis[] {
    return this.#kept
      .map((h, i) => [h, i] as const)
      .sort((a, b) => b[0].score - a[0].score || b[1] - a[1])
      .map(([h]) => h);
  }
}
