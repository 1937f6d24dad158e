/**
 * What the COCO scorers (BLEU, ROUGE-L, CIDEr-D) receive: per image, one candidate and its references,
 * already tokenised and joined by single spaces, exactly as pycocoevalcap hands them over after its
 * PTBTokenizer step. The scorers split these strings the way the reference code does, so a caption that is
 * empty after tokenisation behaves as it does there (see `splitOnSpace`).
 */

/** COCO image ids are integers. */
export type ImageId = number;

export interface TokenizedImage {
  readonly imageId: ImageId;
  readonly candidate: string;
  readonly references: readonly string[];
}

// Python's str.split() with no argument splits on runs of these (str.isspace), which is not JavaScript's \s:
// \x1c-\x1f and \x85 are whitespace to Python, \ufeff is not. BLEU and CIDEr use str.split().
// biome-ignore lint/suspicious/noControlCharactersInRegex: \x1c-\x1f and \x85 are whitespace to Python's str.split().
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Python's `s.split()`: whitespace runs separate tokens, no empty tokens. */
export function splitOnWhitespace(caption: string): string[] {
  return caption.split(PYTHON_WHITESPACE).filter((token) => token.length > 0);
}

/**
 * Python's `s.split(" ")`, which ROUGE-L uses: an empty caption is one empty token, so its length is 1
 * (and an empty candidate matches an empty reference).
 */
export function splitOnSpace(caption: string): string[] {
  return caption.split(' ');
}

/** Input that cannot be scored: a missing reference, scene or file, a malformed file. The message says which. */
export class MetricsInputError extends Error {
  override name = 'MetricsInputError';
}

/** The reference code asserts these; failing loudly here beats a silently different score. */
export function assertScorable(images: readonly TokenizedImage[]): void {
  if (images.length === 0) throw new MetricsInputError('no images to score');
  const seen = new Set<ImageId>();
  for (const image of images) {
    if (image.references.length === 0)
      throw new MetricsInputError(`image ${image.imageId} has no reference captions`);
    if (seen.has(image.imageId)) throw new MetricsInputError(`image ${image.imageId} appears twice`);
    seen.add(image.imageId);
  }
}

/** Mean in iteration order. numpy sums pairwise; the two differ by ~1e-16 relative, far below what matters. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
