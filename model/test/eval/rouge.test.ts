import { describe, expect, it } from 'vitest';
import { corpusRougeL, longestCommonSubsequence, rougeLOfImage } from '../../src/eval/metrics/rouge.ts';

describe('ROUGE-L', () => {
  it('finds the longest common subsequence of tokens', () => {
    expect(longestCommonSubsequence(['a', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'd'])).toBe(3);
    expect(longestCommonSubsequence([], ['a'])).toBe(0);
  });

  it('combines precision and recall with beta 1.2', () => {
    // LCS "a c d" = 3: P = 3/4, R = 3/5, F = 2.44 · 0.45 / (0.6 + 1.44 · 0.75) = 1.098 / 1.68 = 183/280
    expect(rougeLOfImage('a b c d', ['a c d e f'])).toBeCloseTo(183 / 280, 15);
  });

  it('takes the best precision and the best recall, each from whichever reference gives it', () => {
    // "a b c d e f": P = 1, R = 1/3; "a x": P = 1/2, R = 1/2 -> P = 1, R = 1/2, F = 1.22 / 1.94 = 61/97
    expect(rougeLOfImage('a b', ['a b c d e f', 'a x'])).toBeCloseTo(61 / 97, 15);
  });

  it('treats an empty caption as one empty token, as split(" ") does', () => {
    expect(rougeLOfImage('', [''])).toBe(1);
    expect(rougeLOfImage('', ['a b'])).toBe(0);
  });

  it('averages per-image scores over the corpus', () => {
    const { ROUGE_L, perImage } = corpusRougeL([
      { imageId: 1, candidate: 'a b c d', references: ['a c d e f'] },
      { imageId: 2, candidate: 'x', references: ['y'] },
    ]);
    expect(perImage[0]).toBeCloseTo(183 / 280, 15);
    expect(perImage[1]).toBe(0);
    expect(ROUGE_L).toBeCloseTo(183 / 560, 15);
  });
});
