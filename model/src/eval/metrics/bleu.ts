/**
 * Corpus BLEU-1..4 as pycocoevalcap's BleuScorer computes it with option "closest" (shared notes, metrics.md):
 * clipped matches, guesses, candidate and reference lengths are summed over the corpus first, and the
 * geometric mean carries the same 1e-15 / 1e-9 guards, so scores agree with the reference to the last bits.
 */
import { assertScorable, splitOnWhitespace, type TokenizedImage } from './corpus.ts';
import { countNgrams } from './ngrams.ts';

export interface BleuScores {
  Bleu_1: number;
  Bleu_2: number;
  Bleu_3: number;
  Bleu_4: number;
}

const MAX_ORDER = 4;
/** Added to every guess count so an empty corpus divides by a tiny number instead of zero. */
const SMALL = 1e-9;
/** Added to every match count so a zero precision gives a zero score rather than NaN. */
const TINY = 1e-15;

/** Per n-gram order k + 1, summed over the corpus. */
interface OrderTotals {
  guesses: number;
  matches: number;
}

/** The reference length closest to the candidate's; a tie goes to the shorter (Python's min over tuples). */
function closestReferenceLength(referenceLengths: readonly number[], candidateLength: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const length of referenceLengths) {
    const distance = Math.abs(length - candidateLength);
    const bestDistance = Math.abs(best - candidateLength);
    if (distance < bestDistance || (distance === bestDistance && length < best)) best = length;
  }
  return best;
}

/** Highest count of each n-gram (any order) in any one reference: the clipping ceiling. */
function maxReferenceCounts(references: readonly (readonly string[])[]): Map<string, number> {
  const ceiling = new Map<string, number>();
  for (const tokens of references) {
    for (const ofOrder of countNgrams(tokens, MAX_ORDER)) {
      for (const [ngram, count] of ofOrder) ceiling.set(ngram, Math.max(ceiling.get(ngram) ?? 0, count));
    }
  }
  return ceiling;
}

export function corpusBleu(images: readonly TokenizedImage[]): BleuScores {
  assertScorable(images);
  let candidateLength = 0;
  let referenceLength = 0;
  const totals: OrderTotals[] = Array.from({ length: MAX_ORDER }, () => ({ guesses: 0, matches: 0 }));

  for (const image of images) {
    const candidate = splitOnWhitespace(image.candidate);
    const references = image.references.map(splitOnWhitespace);
    const ceiling = maxReferenceCounts(references);
    candidateLength += candidate.length;
    referenceLength += closestReferenceLength(
      references.map((tokens) => tokens.length),
      candidate.length,
    );
    const candidateCounts = countNgrams(candidate, MAX_ORDER);
    totals.forEach((total, k) => {
      total.guesses += Math.max(0, candidate.length - k);
      for (const [ngram, count] of candidateCounts[k] ?? []) {
        total.matches += Math.min(ceiling.get(ngram) ?? 0, count);
      }
    });
  }

  // Bleu_n is the n-th root of the running product of precisions, in the reference's order of operations.
  const ratio = (candidateLength + TINY) / (referenceLength + SMALL);
  const brevityPenalty = ratio < 1 ? Math.exp(1 - 1 / ratio) : 1;
  let product = 1;
  const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = totals.map((total, k) => {
    product *= (total.matches + TINY) / (total.guesses + SMALL);
    return product ** (1 / (k + 1)) * brevityPenalty;
  });
  return { Bleu_1: b1, Bleu_2: b2, Bleu_3: b3, Bleu_4: b4 };
}
