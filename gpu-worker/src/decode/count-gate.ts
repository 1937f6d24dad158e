import type { LogitsProcessor } from './logits-processors.ts';

/** What object_gate.json's `count_gate` gives: which tokens state counts and which end a count's reach. */
export interface CountGateSpec {
  /** Count words and the count each states ("two" -> 2; "a" -> 1). */
  countWords: readonly { tokenId: number; count: number }[];
  /** Linking words ("and", "with", "of", ...) a count word is not read across. */
  boundaryTokenIds: readonly number[];
  /** How many words back a class word looks for its count word. */
  maxBack: number;
  /** A class is counted n when the head's estimate is within this of n (0.5: the rounded estimate). */
  tolerance: number;
}

/**
 * The count gate: count words and class words a caption may only pair as the encoder's count head counts them
 * (model/python/captioner/count_gate.py, the same rules). For each hypothesis:
 * - a count word of two or more is banned unless some class not yet named is counted so;
 * - a class word whose nearest count word (at most `maxBack` words back, not past a linking word or another class
 *   word, as the grounded metrics read it) states n is banned when its class is counted as something else.
 * A class the head counts below 0.5 is left to the presence gate (the head may miss small or hidden objects), and
 * "a"/"an" also start captions, so they are never banned.
 */
export class CountGate {
  readonly #countOf = new Map<number, number>();
  readonly #boundaries: ReadonlySet<number>;
  readonly #classOf = new Map<number, number>();

  /** classTokens: per class (the count head's order), its class-word token ids. */
  constructor(
    readonly spec: CountGateSpec,
    readonly classTokens: readonly (readonly number[])[],
  ) {
    for (const { tokenId, count } of spec.countWords) this.#countOf.set(tokenId, count);
    this.#boundaries = new Set(spec.boundaryTokenIds);
    classTokens.forEach((tokens, c) => {
      for (const t of tokens) this.#classOf.set(t, c);
    });
  }

  /** A processor for one image: counts[c] is the count head's estimate for class c. */
  processor(counts: Float32Array): LogitsProcessor {
    const tolerance = this.spec.tolerance;
    // The classes the head counts at all, with their estimates.
    const seen = Array.from(counts, (estimate, c) => ({ c, estimate })).filter((s) => s.estimate >= 0.5);
    return (ids, scores) => {
      const named = new Set<number>();
      for (const t of ids) {
        const c = this.#classOf.get(t);
        if (c !== undefined) named.add(c);
      }
      for (const [token, n] of this.#countOf) {
        if (n < 2) continue;
        if (!seen.some((s) => !named.has(s.c) && Math.abs(s.estimate - n) < tolerance))
          scores[token] = Number.NEGATIVE_INFINITY;
      }
      const stated = this.#statedCount(ids);
      if (stated === undefined) return;
      for (const { c, estimate } of seen) {
        if (Math.abs(estimate - stated) >= tolerance)
          for (const t of this.classTokens[c] ?? []) scores[t] = Number.NEGATIVE_INFINITY;
      }
    };
  }

  /** The count word the next class word would be read with, if any. */
  #statedCount(ids: readonly number[]): number | undefined {
    for (let i = ids.length - 1; i >= Math.max(0, ids.length - this.spec.maxBack); i--) {
      const t = ids[i] as number;
      const n = this.#countOf.get(t);
      if (n !== undefined) return n;
      if (this.#boundaries.has(t) || this.#classOf.has(t)) return undefined;
    }
    return undefined;
  }
}
