import { describe, expect, it } from 'vitest';
import { buildClassLexicon, type ObjectClassEntry } from '../../src/eval/metrics/class-lexicon.ts';
import { groundCaption, type SceneContents, scoreGrounded } from '../../src/eval/metrics/grounded.ts';
import { findMentions } from '../../src/eval/metrics/mentions.ts';

const CLASSES: ObjectClassEntry[] = [
  { id: 'dog', name: 'dog', plural: 'dogs', synonyms: ['puppy', 'puppies'] },
  { id: 'cat', name: 'cat', plural: 'cats', synonyms: [] },
  { id: 'hot-dog', name: 'hot dog', plural: 'hot dogs', synonyms: ['sausage'] },
  { id: 'cherries', name: 'pair of cherries', plural: 'pairs of cherries', synonyms: ['cherries', 'cherry'] },
  { id: 'sheep', name: 'sheep', plural: 'sheep', synonyms: ['lamb', 'lambs'] },
  { id: 'rose', name: 'rose', plural: 'roses', synonyms: ['flower', 'flowers'] },
  { id: 'tulip', name: 'tulip', plural: 'tulips', synonyms: ['flower', 'flowers'] },
  { id: 'police-car', name: 'police car', plural: 'police cars', synonyms: ['car'] },
  { id: 'car', name: 'car', plural: 'cars', synonyms: ['automobile'] },
  { id: 'orange', name: 'orange', plural: 'oranges', synonyms: ['tangerine'] },
];
const lexicon = buildClassLexicon(CLASSES);

const scene = (image_id: number, objects: Record<string, number>): SceneContents => ({
  image_id,
  objects: Object.entries(objects).map(([id, count]) => ({ class: id, count })),
});

describe('class lexicon', () => {
  it('marks forms that can only mean several objects', () => {
    const plural = (phrase: string, classId: string) =>
      lexicon.senses.get(phrase)?.find((sense) => sense.classId === classId)?.plural;
    expect(plural('dogs', 'dog')).toBe(true);
    expect(plural('puppies', 'dog')).toBe(true);
    expect(plural('puppy', 'dog')).toBe(false);
    expect(plural('lambs', 'sheep')).toBe(true);
    expect(plural('flowers', 'tulip')).toBe(true);
    expect(plural('pairs of cherries', 'cherries')).toBe(true);
    // Same word for one and many; and "cherries" is what one pair of cherries is.
    expect(plural('sheep', 'sheep')).toBe(false);
    expect(plural('cherries', 'cherries')).toBe(false);
  });
});

describe('findMentions', () => {
  it('matches the longest phrase first and reads the count before adjectives', () => {
    const mentions = findMentions('Two red dogs next to a hot dog and a pair of cherries.', lexicon);
    expect(mentions.map((m) => [m.phrase, m.statedCount])).toEqual([
      ['dogs', 2],
      ['hot dog', 1],
      ['pair of cherries', 1],
    ]);
  });

  it('leaves the count unknown for vague quantities, bare nouns and counts across a linking word', () => {
    const mentions = findMentions('several puppies, the cat and three big sheep with dogs', lexicon);
    expect(mentions.map((m) => [m.phrase, m.statedCount])).toEqual([
      ['puppies', undefined],
      ['cat', undefined],
      ['sheep', 3],
      ['dogs', undefined],
    ]);
  });

  it('reads a colour word before a class phrase or a background as a colour, not as the fruit', () => {
    const phrases = (caption: string) => findMentions(caption, lexicon).map((m) => m.phrase);
    expect(phrases('two orange dogs on an orange background')).toEqual(['dogs']);
    expect(phrases('an orange police car')).toEqual(['police car']);
    expect(phrases('an orange and a dog')).toEqual(['orange', 'dog']);
    expect(phrases('a cat, an orange')).toEqual(['cat', 'orange']);
    expect(phrases('two oranges')).toEqual(['oranges']);
  });

  it('keeps every class a shared phrase can name', () => {
    const [car] = findMentions('a car', lexicon);
    expect(car?.senses.map((sense) => sense.classId)).toEqual(['police-car', 'car']);
  });
});

describe('groundCaption', () => {
  it('resolves a shared phrase to the class the scene holds, preferring the class named by it', () => {
    const withPoliceCar = groundCaption('a car', scene(1, { 'police-car': 1 }), lexicon);
    expect(withPoliceCar.mentions.map((m) => m.classId)).toEqual(['police-car']);
    const withBoth = groundCaption('a car', scene(1, { 'police-car': 1, car: 1 }), lexicon);
    expect(withBoth.mentions.map((m) => m.classId)).toEqual(['car']);
  });

  it('counts "hot dog" as a hot dog, not as a dog', () => {
    const grounding = groundCaption('a hot dog', scene(1, { dog: 1 }), lexicon);
    expect(grounding.mentions.map((m) => m.classId)).toEqual([undefined]);
    expect(grounding.namedSceneClasses.size).toBe(0);
  });
});

describe('scoreGrounded', () => {
  it('computes recall, CHAIR-i, CHAIR-s and count accuracy over captions', () => {
    const scenes = new Map([
      [1, scene(1, { dog: 2, cat: 1 })],
      [2, scene(2, { tulip: 1, 'police-car': 1 })],
      [3, scene(3, { cat: 1, cherries: 1 })],
      [4, scene(4, { dog: 3 })],
    ]);
    const results = new Map([
      // both named, both counts right
      [1, 'Two dogs and a cat on the grass.'],
      // "flower" names the tulip (count right); "cars" (class car) and "sheep" are not in the scene
      [2, 'A flower next to some cars and a sheep.'],
      // "cats" with one cat: plural without a number is wrong; "cherries" (one pair) has no count
      [3, 'cats beside cherries'],
      // "a dog" with three dogs: wrong count
      [4, 'a dog'],
    ]);
    const scores = scoreGrounded(results, scenes, CLASSES);
    expect(scores.counts).toEqual({
      captions: 4,
      sceneClasses: 7,
      namedSceneClasses: 6,
      mentions: 8,
      hallucinatedMentions: 2,
      captionsWithHallucination: 1,
      countedClasses: 5,
      correctlyCounted: 3,
    });
    expect(scores.objectRecall).toBe(6 / 7);
    expect(scores.chairI).toBe(2 / 8);
    expect(scores.chairS).toBe(1 / 4);
    expect(scores.countAccuracy).toBe(3 / 5);
  });

  it('reports null for a ratio with nothing to count, and refuses a caption without a scene', () => {
    const scores = scoreGrounded(
      new Map([[1, 'a sunny day']]),
      new Map([[1, scene(1, { dog: 1 })]]),
      CLASSES,
    );
    expect(scores.objectRecall).toBe(0);
    expect(scores.chairI).toBeNull();
    expect(scores.countAccuracy).toBeNull();
    expect(() => scoreGrounded(new Map([[2, 'a dog']]), new Map(), CLASSES)).toThrow(
      'image 2 has a result but no scene',
    );
  });
});
