/**
 * CIDEr-D as pycocoevalcap's CiderScorer computes it (shared notes, metrics.md): tf-idf vectors per n-gram
 * order 1..4 with document frequencies counted over the evaluated images' references only, similarity
 * clipped by the reference weights, a Gaussian length penalty with sigma 6, mean over orders, divided by the
 * number of references, times 10. Sums run in the reference's order so results agree to ~1e-15.
 */
import { assertScorable, mean, splitOnWhitespace, type TokenizedImage } from './corpus.ts';
import { countNgrams, type NgramCounts } from './ngrams.ts';

export interface CiderResult {
  /** Corpus CIDEr-D: the mean of the per-image scores. */
  CIDEr: number;
  /** One score per image, in input order. */
  perImage: number[];
}

const MAX_ORDER = 4;
const SIGMA = 6;

interface CountedCaption {
  readonly counts: NgramCounts;
  readonly length: number;
}

/** One n-gram order of a caption as CIDEr-D sees it: tf-idf weights and their Euclidean norm. */
interface WeightedOrder {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

function countCaption(caption: string): CountedCaption {
  const tokens = splitOnWhitespace(caption);
  return { counts: countNgrams(tokens, MAX_ORDER), length: tokens.length };
}

/** Number of images whose reference set contains each n-gram. */
function documentFrequencies(referenceSets: readonly (readonly CountedCaption[])[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const references of referenceSets) {
    const inImage = new Set<string>();
    for (const { counts } of references) {
      for (const ofOrder of counts) for (const ngram of ofOrder.keys()) inImage.add(ngram);
    }
    for (const ngram of inImage) frequencies.set(ngram, (frequencies.get(ngram) ?? 0) + 1);
  }
  return frequencies;
}

function weigh(
  counts: NgramCounts,
  logImageCount: number,
  frequencies: ReadonlyMap<string, number>,
): WeightedOrder[] {
  return counts.map((ofOrder) => {
    const weights = new Map<string, number>();
    let squares = 0;
    for (const [ngram, termFrequency] of ofOrder) {
      // An n-gram no reference contains gets df 1 (the reference's max(1, df)): the highest idf.
      const weight = termFrequency * (logImageCount - Math.log(Math.max(1, frequencies.get(ngram) ?? 0)));
      weights.set(ngram, weight);
      squares += weight * weight;
    }
    // The norm comes from the unclipped weights, as in the reference.
    return { weights, norm: Math.sqrt(squares) };
  });
}

/** Clipped cosine similarity of one n-gram order: Σ min(h, r)·r / (‖h‖·‖r‖), 0 when a norm is 0. */
function clippedSimilarity(candidate: WeightedOrder, reference: WeightedOrder | undefined): number {
  if (reference === undefined) return 0;
  let value = 0;
  for (const [ngram, weight] of candidate.weights) {
    const referenceWeight = reference.weights.get(ngram) ?? 0;
    value += Math.min(weight, referenceWeight) * referenceWeight;
  }
  if (candidate.norm !== 0 && reference.norm !== 0) value /= candidate.norm * reference.norm;
  return value;
}

/**
 * The length penalty uses token counts, as the shared notes define. The reference counts bigrams (tokens - 1),
 * which differs only when a caption is empty, and then every similarity is 0 anyway.
 */
function lengthPenalty(candidateLength: number, referenceLength: number): number {
  const delta = candidateLength - referenceLength;
  return Math.E ** (-(delta ** 2) / (2 * SIGMA ** 2));
}

export function corpusCider(images: readonly TokenizedImage[]): CiderResult {
  assertScorable(images);
  const referenceSets = images.map((image) => image.references.map(countCaption));
  const frequencies = documentFrequencies(referenceSets);
  const logImageCount = Math.log(images.length);

  const perImage = images.map((image, i) => {
    const candidate = countCaption(image.candidate);
    const candidateOrders = weigh(candidate.counts, logImageCount, frequencies);
    const references = referenceSets[i] ?? [];
    // sums[k]: order k + 1's similarity summed over the references, in reference order.
    const sums = candidateOrders.map(() => 0);
    for (const reference of references) {
      const referenceOrders = weigh(reference.counts, logImageCount, frequencies);
      const penalty = lengthPenalty(candidate.length, reference.length);
      candidateOrders.forEach((order, k) => {
        sums[k] = (sums[k] ?? 0) + clippedSimilarity(order, referenceOrders[k]) * penalty;
      });
    }
    return (mean(sums) / references.length) * 10;
  });
  return { CIDEr: mean(perImage), perImage };
}
