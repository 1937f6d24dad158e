/**
 * ROUGE-L as pycocoevalcap's Rouge computes it (shared notes, metrics.md): per image the best precision and
 * the best recall of the longest common token subsequence over the references (each may come from a
 * different reference), combined as an F-measure with beta 1.2; the corpus score is the mean over images.
 */
import { assertScorable, mean, splitOnSpace, type TokenizedImage } from './corpus.ts';

export interface RougeResult {
  ROUGE_L: number;
  /** One score per image, in input order. */
  perImage: number[];
}

const BETA = 1.2;
const BETA_SQUARED = BETA * BETA;

/** Length of the longest common subsequence, one DP row at a time. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const tokenA of a) {
    const current = [0];
    b.forEach((tokenB, j) => {
      const diagonal = previous[j] ?? 0;
      current.push(tokenA === tokenB ? diagonal + 1 : Math.max(previous[j + 1] ?? 0, current[j] ?? 0));
    });
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function rougeLOfImage(candidate: string, references: readonly string[]): number {
  // split(" ") as the reference does: an empty caption is one empty token.
  const candidateTokens = splitOnSpace(candidate);
  let bestPrecision = 0;
  let bestRecall = 0;
  for (const reference of references) {
    const referenceTokens = splitOnSpace(reference);
    const common = longestCommonSubsequence(referenceTokens, candidateTokens);
    bestPrecision = Math.max(bestPrecision, common / candidateTokens.length);
    bestRecall = Math.max(bestRecall, common / referenceTokens.length);
  }
  if (bestPrecision === 0 || bestRecall === 0) return 0;
  return ((1 + BETA_SQUARED) * bestPrecision * bestRecall) / (bestRecall + BETA_SQUARED * bestPrecision);
}

export function corpusRougeL(images: readonly TokenizedImage[]): RougeResult {
  assertScorable(images);
  const perImage = images.map((image) => rougeLOfImage(image.candidate, image.references));
  return { ROUGE_L: mean(perImage), perImage };
}
