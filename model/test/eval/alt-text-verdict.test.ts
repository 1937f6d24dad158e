// Right or wrong as alt text: what fit:verifier labels and eval:confidence's precision counts.
import { describe, expect, it } from 'vitest';
import { buildClassLexicon, isRightForAltText } from '../../src/eval/metrics/index.ts';

const lexicon = buildClassLexicon([
  { id: 'dog', name: 'dog', plural: 'dogs', synonyms: ['puppy'] },
  { id: 'cat', name: 'cat', plural: 'cats', synonyms: [] },
  { id: 'orange', name: 'orange', plural: 'oranges', synonyms: [] },
  { id: 'car', name: 'car', plural: 'cars', synonyms: [] },
]);
const scene = (...classes: string[]) => ({
  image_id: 1,
  objects: classes.map((c) => ({ class: c, count: 1 })),
});

describe('isRightForAltText', () => {
  it('needs at least one object that is there and none that is not', () => {
    expect(isRightForAltText('a dog and a cat', scene('dog', 'cat'), lexicon)).toBe(true);
    expect(isRightForAltText('a puppy', scene('dog', 'cat'), lexicon)).toBe(true); // recall is not asked for
    expect(isRightForAltText('a dog and a car', scene('dog', 'cat'), lexicon)).toBe(false);
    expect(isRightForAltText('a picture on a white background', scene('dog'), lexicon)).toBe(false);
    // a colour before a class word is a colour, as the grounded metrics read it
    expect(isRightForAltText('an orange car', scene('car'), lexicon)).toBe(true);
  });

  it('on an image without objects every caption is wrong, naming an object or not', () => {
    expect(isRightForAltText('a pair of dogs', scene(), lexicon)).toBe(false);
    expect(isRightForAltText('a cartoon picture of a grey', scene(), lexicon)).toBe(false);
  });
});
