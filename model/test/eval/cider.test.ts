import { describe, expect, it } from 'vitest';
import { corpusCider } from '../../src/eval/metrics/cider.ts';
import type { TokenizedImage } from '../../src/eval/metrics/corpus.ts';

const image = (imageId: number, candidate: string, ...references: string[]): TokenizedImage => ({
  imageId,
  candidate,
  references,
});

describe('corpusCider', () => {
  it('scores an exact match of one- and two-gram captions 10 · (1 + 1 + 0 + 0) / 4', () => {
    // Two images: every n-gram has df 1 of 2, so every weight is ln 2; unigram and bigram cosines are 1,
    // trigram and 4-gram vectors are empty (similarity 0). Image 2 shares nothing with its reference.
    const { CIDEr, perImage } = corpusCider([image(1, 'a b', 'a b'), image(2, 'c d', 'e f')]);
    expect(perImage[0]).toBeCloseTo(5, 12);
    expect(perImage[1]).toBe(0);
    expect(CIDEr).toBeCloseTo(2.5, 12);
  });

  it('clips the candidate weights by the reference weights and applies the length penalty', () => {
    // Candidate "a a b" (3 tokens) against "a b" (2 tokens), all weights ln 2 (call it L):
    //   unigrams: h = (a: 2L, b: L), r = (a: L, b: L) -> (min(2L, L)·L + L·L) / (√5 L · √2 L) = 2/√10
    //   bigrams:  h = (a a: L, a b: L), r = (a b: L) -> L² / (√2 L · L) = 1/√2
    //   trigrams: the reference has none -> 0; 4-grams: none -> 0
    //   length penalty exp(-(3 - 2)² / (2 · 6²)) = exp(-1/72)
    const expected = (10 / 4) * (2 / Math.sqrt(10) + 1 / Math.sqrt(2)) * Math.exp(-1 / 72);
    const { CIDEr, perImage } = corpusCider([image(1, 'a a b', 'a b'), image(2, 'z', 'c')]);
    expect(perImage[0]).toBeCloseTo(expected, 12);
    expect(CIDEr).toBeCloseTo(expected / 2, 12);
  });

  it('divides the summed similarity by the number of references', () => {
    // Same as the first case with a second, unrelated reference: half the score.
    const { perImage } = corpusCider([image(1, 'a b', 'a b', 'x y'), image(2, 'c d', 'e f')]);
    expect(perImage[0]).toBeCloseTo(2.5, 12);
  });

  it('gives 0 for a one-image corpus: document frequencies come from the evaluated references only', () => {
    // ln(1) - ln(df = 1) = 0, so every weight is 0, as in the reference code.
    expect(corpusCider([image(1, 'a dog on the grass', 'a dog on the grass')]).CIDEr).toBe(0);
  });
});
