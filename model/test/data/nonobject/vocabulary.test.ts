/**
 * Over every caption any page can get and every word page text is made of, with the grounded metrics' own
 * mention finder: none names an object class, so a non-object image's references never name one either.
 */
import { describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../../src/data/classes.ts';
import { LANGUAGES } from '../../../src/data/nonobject/code-languages.ts';
import {
  CAPTION_KEYS,
  CAPTIONS_PER_IMAGE,
  captionsFor,
  everyCaption,
} from '../../../src/data/nonobject/captions.ts';
import { PAGE_KINDS } from '../../../src/data/nonobject/family.ts';
import { ADJECTIVES, ADVERBS, FUNCTION_WORDS, NOUNS, VERBS } from '../../../src/data/nonobject/words.ts';
import { Rng } from '../../../src/data/rng.ts';
import { buildClassLexicon } from '../../../src/eval/metrics/class-lexicon.ts';
import { findMentions } from '../../../src/eval/metrics/mentions.ts';

const lexicon = buildClassLexicon(OBJECT_CLASSES);
const languages = [...LANGUAGES.map((language) => language.name), 'sql', 'css'];

describe('non-object vocabulary', () => {
  it('captions name no object class', () => {
    const captions = everyCaption(languages);
    expect(captions.length).toBeGreaterThan(150);
    expect(captions.filter((caption) => findMentions(caption, lexicon).length > 0)).toEqual([]);
  });

  it('page text words name no object class, alone or with an s', () => {
    const words = [...NOUNS, ...VERBS, ...ADJECTIVES, ...ADVERBS, ...FUNCTION_WORDS];
    expect(words.filter((word) => findMentions(`${word} ${word}s`, lexicon).length > 0)).toEqual([]);
  });

  it('gives five distinct captions for every subject and kind', () => {
    for (const kind of PAGE_KINDS) {
      for (const key of CAPTION_KEYS) {
        for (let seed = 0; seed < 20; seed++) {
          const captions = captionsFor(kind, { key, language: 'go' }, new Rng(seed));
          expect(new Set(captions).size, `${kind} ${key}`).toBe(CAPTIONS_PER_IMAGE);
        }
      }
    }
  });
});
