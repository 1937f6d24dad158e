// The count gate: count words and class words paired as the count head counts them.
import { describe, expect, it } from 'vitest';
import { CountGate } from '../../src/decode/count-gate.ts';

// Tokens: 1 <bos>, 4 a, 5 two, 6 three, 7 red, 8 and, 9 apple, 10 apples, 11 ball, 12 picture, 13 of.
const [A, TWO, THREE, RED, AND, APPLE, APPLES, BALL, PICTURE, OF] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const gate = new CountGate(
  {
    countWords: [
      { tokenId: A, count: 1 },
      { tokenId: TWO, count: 2 },
      { tokenId: THREE, count: 3 },
    ],
    boundaryTokenIds: [AND, OF],
    maxBack: 3,
    tolerance: 0.5,
  },
  [[APPLE, APPLES], [BALL], []], // apple, ball, a class without words
);

function banned(counts: number[], said: number[]): number[] {
  const scores = new Float64Array(14);
  gate.processor(Float32Array.from(counts))([1, ...said], scores);
  return [...scores.keys()].filter((t) => scores[t] === Number.NEGATIVE_INFINITY);
}

describe('count gate', () => {
  it('allows a count word of two or more only for a class counted so and not yet named', () => {
    expect(banned([2.2, 0.9, 0], [A, PICTURE, OF])).toEqual([THREE]);
    expect(banned([2.2, 0.9, 0], [A, PICTURE, OF, TWO, RED, APPLES, AND])).toEqual([TWO, THREE]);
    expect(banned([0, 0, 0], [])).not.toContain(A); // "a" also starts captions
  });

  it('bans a class word whose count word states another count than the head', () => {
    expect(banned([2.2, 0.9, 0], [A, PICTURE, OF, TWO, RED])).toEqual([THREE, BALL]);
    expect(banned([2.2, 0.9, 0], [A, PICTURE, OF, A])).toEqual([THREE, APPLE, APPLES]);
    // a class counted 0 is left to the presence gate
    expect(banned([0.2, 0.9, 0], [TWO])).toEqual([TWO, THREE, BALL]);
  });

  it('reads the count as the metrics do: not past a linking word, at most three words back', () => {
    expect(banned([2, 1, 0], [TWO, APPLES, AND])).not.toContain(BALL);
    expect(banned([2, 1, 0], [TWO, RED, RED, RED])).not.toContain(BALL);
  });

  it('a wider tolerance keeps a count the head is unsure of', () => {
    const wide = new CountGate({ ...gate.spec, tolerance: 0.75 }, gate.classTokens);
    const scores = new Float64Array(14);
    wide.processor(Float32Array.from([1.6, 0.9, 0]))([1, A, PICTURE, OF, A], scores);
    expect(scores[APPLE]).toBe(0); // 1.6 is within 0.75 of "a"
    expect(banned([1.6, 0.9, 0], [A, PICTURE, OF, A])).toContain(APPLE); // but rounds to 2
  });
});
