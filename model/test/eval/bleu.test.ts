import { describe, expect, it } from 'vitest';
import { corpusBleu } from '../../src/eval/metrics/bleu.ts';
import type { TokenizedImage } from '../../src/eval/metrics/corpus.ts';

const image = (imageId: number, candidate: string, ...references: string[]): TokenizedImage => ({
  imageId,
  candidate,
  references,
});

/** |a - b| within 1e-9 relative: the 1e-15 / 1e-9 guards move exact fractions by ~1e-10. */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('corpusBleu', () => {
  it('multiplies clipped precisions: 3/4, 1/3, then the 1e-15 guard for orders with no match', () => {
    // "a b c d" vs "a b e d": unigrams 3/4, bigrams 1/3 ("a b"), trigrams 0/2, 4-grams 0/1; equal lengths.
    const scores = corpusBleu([image(1, 'a b c d', 'a b e d')]);
    expectNear(scores.Bleu_1, 0.75);
    expectNear(scores.Bleu_2, 0.5);
    // (3/4 · 1/3 · 1e-15/2)^(1/3) = (1.25e-16)^(1/3) = 5e-6
    expect(Math.abs(scores.Bleu_3 - 5e-6)).toBeLessThan(1e-14);
    // (1.25e-16 · 1e-15)^(1/4) = 12.5^(1/4) · 1e-8
    expect(Math.abs(scores.Bleu_4 / 1.8803015465e-8 - 1)).toBeLessThan(1e-8);
  });

  it('clips a repeated word at its count in the reference', () => {
    expectNear(corpusBleu([image(1, 'the the the the', 'the cat')]).Bleu_1, 0.25);
  });

  it('sums matches over the corpus instead of averaging sentence scores', () => {
    // 4/4 and 0/2 unigram matches: corpus precision 4/6, not the mean 1/2.
    const scores = corpusBleu([image(1, 'a b c d', 'a b c d'), image(2, 'x y', 'p q')]);
    expectNear(scores.Bleu_1, 4 / 6);
  });

  it('penalises a corpus shorter than its references by exp(1 - r/c)', () => {
    // 2 candidate tokens against a 4-token reference: ratio 1/2, penalty e^-1.
    const scores = corpusBleu([image(1, 'a b', 'a b c d')]);
    expectNear(scores.Bleu_1, Math.exp(-1));
    expectNear(scores.Bleu_2, Math.exp(-1));
  });

  it('takes the closest reference length, the shorter one on a tie', () => {
    // Candidate length 2; references of 3 and 1 tokens are equally close: 1 is used, so no brevity penalty.
    // (Taking 3 would give e^-0.5 = 0.607.)
    const scores = corpusBleu([image(1, 'a b', 'a b c', 'a')]);
    expectNear(scores.Bleu_1, 1);
    expectNear(scores.Bleu_2, 1);
  });

  it('refuses an image without references', () => {
    expect(() => corpusBleu([image(1, 'a b')])).toThrow('image 1 has no reference captions');
  });
});
