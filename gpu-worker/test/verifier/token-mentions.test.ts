// Reading a caption's class mentions from its token ids, as the grounded metrics read its words.
import { describe, expect, it } from 'vitest';
import { type ClassReading, findTokenMentions, PhraseIndex } from '../../src/verifier/token-mentions.ts';

// Tokens: 1 a, 2 two, 3 and, 4 hot, 5 dog, 6 dogs, 7 orange, 8 car, 9 taxi, 10 red, 11 with
const reading: ClassReading = {
  phrases: [
    [[5], [6]], // 0 dog
    [[4, 5]], // 1 hot dog
    [[7]], // 2 orange (the fruit)
    [[8]], // 3 car
    [[8], [9]], // 4 taxi ("car" names it too)
  ],
  countWords: new Map([
    [1, 1],
    [2, 2],
  ]),
  boundaries: new Set([3, 11]),
  maxBack: 3,
};
const index = new PhraseIndex(reading);
const read = (tokens: number[]) =>
  findTokenMentions(tokens, index).map((m) => ({ at: m.start, classes: m.classes, count: m.statedCount }));

describe('findTokenMentions', () => {
  it('matches the longest phrase first and gives every class a shared word can name', () => {
    expect(read([1, 4, 5, 3, 2, 6])).toEqual([
      { at: 1, classes: [1], count: 1 }, // "a hot dog": not "dog"
      { at: 5, classes: [0], count: 2 }, // "two dogs"
    ]);
    expect(read([1, 8])).toEqual([{ at: 1, classes: [3, 4], count: 1 }]);
  });

  it('reads a one-word phrase before another phrase as its modifier', () => {
    expect(read([1, 7, 8])).toEqual([{ at: 2, classes: [3, 4], count: 1 }]); // "an orange car"
    expect(read([1, 7])).toEqual([{ at: 1, classes: [2], count: 1 }]); // "an orange"
  });

  it('does not read a count across a linking word or an earlier mention, nor too far back', () => {
    expect(read([2, 11, 5])).toEqual([{ at: 2, classes: [0], count: undefined }]);
    expect(read([2, 10, 10, 10, 5])).toEqual([{ at: 4, classes: [0], count: undefined }]);
    expect(read([2, 10, 10, 5])).toEqual([{ at: 3, classes: [0], count: 2 }]);
    expect(read([2, 5, 10, 9])).toEqual([
      { at: 1, classes: [0], count: 2 },
      { at: 3, classes: [4], count: undefined },
    ]);
  });
});
