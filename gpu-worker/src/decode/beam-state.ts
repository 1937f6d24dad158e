import { BeamHypotheses, type EarlyStopping, type Hypothesis, type TokenTrace } from './beam-hypotheses.ts';
import { logSoftmax } from './logits.ts';
import { type LogitsProcessor, minLengthProcessor, noRepeatNgramProcessor } from './logits-processors.ts';

export interface BeamSearchOptions {
  numBeams: number;
  /** Total length including the start token (Hugging Face's `max_length`). */
  maxLength: number;
  /** EOS is banned while the sequence, start token included, is shorter. */
  minLength: number;
  lengthPenalty: number;
  earlyStopping: EarlyStopping;
  noRepeatNgramSize: number;
}

export interface Candidate {
  beam: number;
  token: number;
  logProb: number;
}

/**
 * The 2K best (beam, token) pairs by summed log-probability, best first; ties go to the lower beam, then the
 * lower token id (flattened index order, as torch.topk on CPU returns them).
 */
export function topCandidates(beamScores: readonly Float64Array[], count: number): Candidate[] {
  const best: Candidate[] = [];
  const worse = (a: Candidate, b: Candidate): boolean =>
    a.logProb < b.logProb ||
    (a.logProb === b.logProb && (a.beam > b.beam || (a.beam === b.beam && a.token > b.token)));
  for (const [beam, scores] of beamScores.entries()) {
    for (let token = 0; token < scores.length; token++) {
      const logProb = scores[token] ?? Number.NEGATIVE_INFINITY;
      if (logProb === Number.NEGATIVE_INFINITY) continue;
      const candidate = { beam, token, logProb };
      const last = best[best.length - 1];
      if (best.length === count && last && !worse(last, candidate)) continue;
      let at = best.length;
      while (at > 0 && worse(best[at - 1] as Candidate, candidate)) at--;
      best.splice(at, 0, candidate);
      if (best.length > count) best.pop();
    }
  }
  return best;
}

/** What one step decided: which beam each new row continues (for reordering the cache), and whether it ended. */
export interface StepOutcome {
  parents: number[];
  done: boolean;
}

/**
 * The beam-search state of one request, advanced one token per decoder call with Hugging Face semantics (see
 * shared notes, model-format.md). It does no model calls itself, so one scheduler can advance many requests from
 * one batched decoder call; with K = 1 it is greedy search.
 */
export class BeamState {
  /** Each live beam's tokens, start token first. */
  beams: number[][];
  /** Each live beam's summed log-probability. */
  sums: number[];
  /** Per live beam, per generated token: an attention map (when collected). */
  attention: Float32Array[][];
  /** Per live beam, its tokens' log-probabilities and the mass the gates banned at each step. */
  traces: TokenTrace[];
  readonly hypotheses: BeamHypotheses;
  #done = false;
  readonly #processors: LogitsProcessor[];
  /** The search's own processors (min length, no-repeat) come first; the rest are the image's gates. */
  readonly #ownProcessors: number;

  constructor(
    readonly options: BeamSearchOptions,
    startId: number,
    readonly eosIds: ReadonlySet<number>,
  ) {
    const k = options.numBeams;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`numBeams must be a positive integer, got ${k}`);
    this.#processors = [minLengthProcessor(options.minLength, eosIds)];
    if (options.noRepeatNgramSize > 0)
      this.#processors.push(noRepeatNgramProcessor(options.noRepeatNgramSize));
    this.#ownProcessors = this.#processors.length;
    this.hypotheses = new BeamHypotheses(
      k,
      options.lengthPenalty,
      options.earlyStopping,
      options.maxLength - 1,
    );
    this.beams = Array.from({ length: k }, () => [startId]);
    // Only beam 0 may expand at first, or the K beams would be copies of one another.
    this.sums = Array.from({ length: k }, (_, i) => (i === 0 ? 0 : -1e9));
    this.attention = Array.from({ length: k }, () => []);
    this.traces = Array.from({ length: k }, () => ({ logProbs: [], gatedMass: [] }));
  }

  /**
   * Adds a logits processor for every later step (used by the object gate, which knows what to ban only once the
   * image is encoded), as a Hugging Face `logits_processor` list entry.
   */
  addProcessor(processor: LogitsProcessor): void {
    this.#processors.push(processor);
  }

  get done(): boolean {
    return this.#done;
  }

  /** Tokens each row feeds to the decoder next. */
  lastTokens(): number[] {
    return this.beams.map((b) => b[b.length - 1] ?? 0);
  }

  /** Length of the cache each row needs: every token but the one fed now. */
  get pastLength(): number {
    return (this.beams[0]?.length ?? 1) - 1;
  }

  /**
   * Advances by one token from each live beam's next-token logits (and optionally its attention map).
   * After it returns not done, row j of the next step continues beam `parents[j]` of this one.
   */
  advance(logits: readonly Float32Array[], attention?: readonly Float32Array[]): StepOutcome {
    if (this.#done) throw new Error('advance() after the search ended');
    const k = this.options.numBeams;
    const gatedMass: number[] = [];
    const scored = this.beams.map((ids, beam) => {
      const scores = logSoftmax(logits[beam] as Float32Array);
      // The gates' share: the mass left after the search's own processors minus the mass left after the gates.
      let beforeGates: number | undefined;
      this.#processors.forEach((process, i) => {
        if (i === this.#ownProcessors) beforeGates = probabilityMass(scores);
        process(ids, scores);
      });
      gatedMass[beam] = beforeGates === undefined ? 0 : Math.max(0, beforeGates - probabilityMass(scores));
      const sum = this.sums[beam] ?? 0;
      for (let t = 0; t < scores.length; t++) scores[t] = (scores[t] ?? 0) + sum;
      return scores;
    });
    const generated = this.pastLength; // tokens generated before this step
    const candidates = topCandidates(scored, 2 * k);
    const next: Candidate[] = [];
    for (const [rank, c] of candidates.entries()) {
      if (this.eosIds.has(c.token)) {
        // An EOS ranked below the top K does not end a hypothesis (HF: is_beam_token_worse_than_top_num_beams).
        if (rank < k)
          this.hypotheses.add(
            [...(this.beams[c.beam] ?? []).slice(1), c.token],
            c.logProb,
            generated + 1,
            this.#extendTrace(c, gatedMass),
          );
      } else {
        next.push(c);
      }
      if (next.length === k) break;
    }
    const best = candidates[0]?.logProb ?? Number.NEGATIVE_INFINITY;
    if (this.hypotheses.isDone(best, generated + 1) || next.length < k) {
      this.#done = true;
      return { parents: [], done: true };
    }
    const parents = next.map((c) => c.beam);
    this.attention = next.map((c) => {
      const history = this.attention[c.beam] ?? [];
      const map = attention?.[c.beam];
      return map ? [...history, map] : history;
    });
    this.traces = next.map((c) => this.#extendTrace(c, gatedMass));
    this.beams = next.map((c) => [...(this.beams[c.beam] ?? []), c.token]);
    this.sums = next.map((c) => c.logProb);
    if ((this.beams[0]?.length ?? 0) >= this.options.maxLength) this.#finalize();
    return { parents, done: this.#done };
  }

  /** At max length every running beam becomes a hypothesis, as HF's finalize does. */
  #finalize(): void {
    for (const [beam, ids] of this.beams.entries()) {
      this.hypotheses.add(ids.slice(1), this.sums[beam] ?? 0, ids.length - 1, this.traces[beam]);
    }
    this.#done = true;
  }

  /** The trace of candidate `c`'s beam with its token appended. */
  #extendTrace(c: Candidate, gatedMass: readonly number[]): TokenTrace {
    const trace = this.traces[c.beam] ?? { logProbs: [], gatedMass: [] };
    return {
      logProbs: [...trace.logProbs, c.logProb - (this.sums[c.beam] ?? 0)],
      gatedMass: [...trace.gatedMass, gatedMass[c.beam] ?? 0],
    };
  }

  /**
   * Generated tokens every possible outcome shares: the common prefix of the live beams and the kept hypotheses.
   * Once a token is in it, no later step can change it, so it can be streamed.
   */
  settledTokens(): number[] {
    const sequences = this.#done
      ? [this.hypotheses.ranked()[0]?.tokens ?? []]
      : [...this.beams.map((b) => b.slice(1)), ...this.hypotheses.ranked().map((h) => h.tokens)];
    const first = sequences[0] ?? [];
    let n = 0;
    while (n < first.length && sequences.every((s) => s[n] === first[n])) n++;
    return first.slice(0, n);
  }

  /** Attention maps of the settled tokens, when collected (shared prefixes share their history). */
  settledAttention(count: number): Float32Array[] {
    return (this.attention[0] ?? []).slice(0, count);
  }

  ranked(): Hypothesis[] {
    return this.hypotheses.ranked();
  }
}

/** Total probability of the tokens not banned yet (scores are log-probabilities, -Infinity when banned). */
function probabilityMass(scores: Float64Array): number {
  let mass = 0;
  for (const s of scores) if (s !== Number.NEGATIVE_INFINITY) mass += Math.exp(s);
  return mass;
}
