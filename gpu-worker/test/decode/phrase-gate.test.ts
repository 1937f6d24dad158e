// The object gate in context: a word is banned only when every class it could complete there is absent.
import { describe, expect, it } from 'vitest';
import { PhraseGate } from '../../src/decode/phrase-gate.ts';

// Tokens: 1 <bos>, 4 a, 5 hot, 6 dog, 7 dogs, 8 ball, 9 soccer, 10 bowling.
const A = 4;
const HOT = 5;
const DOG = 6;
const DOGS = 7;
const BALL = 8;
const SOCCER = 9;
const BOWLING = 10;
// Classes: 0 dog ("dog", "dogs"), 1 hot dog ("hot dog", "hot dogs"), 2 soccer ball ("soccer ball", "ball"),
// 3 bowling ball ("bowling ball").
const gate = new PhraseGate([
  [[DOG], [DOGS]],
  [
    [HOT, DOG],
    [HOT, DOGS],
  ],
  [[SOCCER, BALL], [BALL]],
  [[BOWLING, BALL]],
]);

function banned(absent: boolean[], said: number[]): number[] {
  const scores = new Float64Array(11);
  gate.processor(absent)([1, ...said], scores);
  return [...scores.keys()].filter((t) => scores[t] === Number.NEGATIVE_INFINITY);
}

describe('phrase gate', () => {
  it('bans a shared word only where every class it could complete is absent', () => {
    // dog absent, hot dog present: "a dog" would name the dog, "hot dog" the present hot dog
    expect(banned([true, false, false, false], [A])).toEqual([DOG, DOGS]);
    expect(banned([true, false, false, false], [A, HOT])).toEqual([]);
    // both absent: "dog" is banned after "hot" too
    expect(banned([true, true, false, false], [A, HOT])).toEqual([DOG, DOGS]);
  });

  it('reads the words before a class word, as the grounded metrics do', () => {
    // soccer ball absent, bowling ball present: "ball" alone or after "soccer" names the soccer ball
    expect(banned([false, false, true, false], [A])).toEqual([BALL]);
    expect(banned([false, false, true, false], [A, BOWLING])).toEqual([]);
    expect(banned([false, false, false, true], [A, BOWLING])).toEqual([]); // "ball" alone could be a soccer ball
    expect(banned([false, false, true, true], [A, BOWLING])).toEqual([BALL]);
  });

  it('bans nothing when every class is present', () => {
    expect(banned([false, false, false, false], [A, HOT])).toEqual([]);
  });

  describe('with the free bigrams', () => {
    // Tokens: 11 bunch, 12 of, 13 grapes, 14 orange (a class and a colour), 15 red; class 4 grapes ("bunch of
    // grapes", "grapes"), class 5 orange ("orange"). Free bigrams: "<bos> a", "a orange" (a colour: "a orange
    // car"), "a red"; never "red orange", where "orange" can only be the fruit.
    const BUNCH = 11;
    const OF = 12;
    const GRAPES = 13;
    const ORANGE = 14;
    const reading = new PhraseGate(
      [
        [[DOG], [DOGS]],
        [
          [HOT, DOG],
          [HOT, DOGS],
        ],
        [[SOCCER, BALL], [BALL]],
        [[BOWLING, BALL]],
        [[BUNCH, OF, GRAPES], [GRAPES]],
        [[ORANGE]],
      ],
      [
        [1, A],
        [A, ORANGE],
        [A, 15],
      ],
    );
    const bannedBy = (absent: boolean[], said: number[]) => {
      const scores = new Float64Array(16);
      reading.processor(absent)([1, ...said], scores);
      return [...scores.keys()].filter((t) => scores[t] === Number.NEGATIVE_INFINITY);
    };
    const none = [false, false, false, false, false, false];

    it("bans a phrase's first words when every class they could begin is absent", () => {
      // grapes absent: "bunch" can only begin "bunch of grapes"; "hot" and "bowling" begin present classes
      expect(bannedBy([false, false, false, false, true, false], [A])).toEqual([BUNCH, GRAPES]);
      // hot dog absent, dog present: "hot" is banned, "dog" is not
      expect(bannedBy([false, true, false, false, false, false], [A])).toEqual([HOT]);
      expect(bannedBy(none, [A])).toEqual([]);
    });

    it('never bans a word after a token it follows freely in training (the colour "orange")', () => {
      expect(bannedBy([false, false, false, false, false, true], [A])).toEqual([]);
      expect(bannedBy([false, false, false, false, false, true], [A, 15])).toEqual([ORANGE]);
      expect(bannedBy([true, true, true, true, true, true], [A])).toEqual([
        HOT,
        DOG,
        DOGS,
        BALL,
        SOCCER,
        BOWLING,
        BUNCH,
        GRAPES,
      ]);
    });
  });
});
