/**
 * Object mentions in a caption: class phrases found longest-match-first ("police car" before "car", "hot dog"
 * before "dog"), each with the count the caption states for it. The count word is looked for just before the
 * phrase, skipping adjectives ("two red apples"), within three words and without crossing a linking word or an
 * earlier mention, as model/python/captioner/grounded.py does, so both sides read captions alike.
 *
 * A class name that is also a basic colour term ("orange") is a colour, not a mention, when it modifies what
 * follows: another class phrase ("two orange pears") or a background ("an orange background"). Read as a
 * mention, every orange object would count as a hallucinated fruit (reference captions scored CHAIR-i 0.02).
 */
import type { ClassLexicon, ClassSense } from './class-lexicon.ts';
import { tokenizeCaption } from './tokenize.ts';

export interface Mention {
  /** The phrase as found (tokens joined by single spaces). */
  readonly phrase: string;
  /** Token index of the phrase's first word. */
  readonly start: number;
  readonly senses: readonly ClassSense[];
  /** The number the caption states ("a" -> 1, "two" -> 2); undefined when it states none or a vague one. */
  readonly statedCount: number | undefined;
}

const NUMBER_WORDS = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
const COUNT_WORDS: ReadonlyMap<string, number> = new Map([
  ...['a', 'an', 'single'].map((word) => [word, 1] as const),
  ...NUMBER_WORDS.map((word, i) => [word, i + 1] as const),
]);
/** Quantities that say "more than one" without a number: the count is unknown. */
const VAGUE_QUANTITIES: ReadonlySet<string> = new Set('several some many multiple few various'.split(' '));
/** Words that end a noun phrase: a count before them belongs to something else. */
const LINKING_WORDS: ReadonlySet<string> = new Set([
  ...'and with of on in at by near next to beside above below under over'.split(' '),
  ...'behind left right front from is are there'.split(' '),
]);
const COUNT_WINDOW = 3;
/** Berlin and Kay's eleven basic colour terms (and the US "gray"). */
const COLOUR_WORDS: ReadonlySet<string> = new Set(
  'black white red green yellow blue brown purple pink orange grey gray'.split(' '),
);
const MODIFIED_NOUNS: ReadonlySet<string> = new Set(['background', 'backgrounds']);

/** Whether tokens[i] is a colour word modifying the phrase after it rather than naming an object. */
function isColourModifier(tokens: readonly string[], i: number, lexicon: ClassLexicon): boolean {
  const next = tokens[i + 1];
  if (!COLOUR_WORDS.has(tokens[i] ?? '') || next === undefined) return false;
  return lexicon.phraseStarts.has(next) || MODIFIED_NOUNS.has(next);
}

function statedCountBefore(tokens: readonly string[], start: number, earliest: number): number | undefined {
  for (let i = start - 1; i >= Math.max(earliest, start - COUNT_WINDOW); i--) {
    const word = tokens[i] ?? '';
    const count = COUNT_WORDS.get(word);
    if (count !== undefined) return count;
    if (VAGUE_QUANTITIES.has(word) || LINKING_WORDS.has(word)) return undefined;
  }
  return undefined;
}

/** Mentions in caption order. The caption is tokenised as the COCO scorers tokenise it. */
export function findMentions(caption: string, lexicon: ClassLexicon): Mention[] {
  const tokens = tokenizeCaption(caption).split(' ');
  const mentions: Mention[] = [];
  let previousEnd = 0;
  let i = 0;
  while (i < tokens.length) {
    if (isColourModifier(tokens, i, lexicon)) {
      i += 1;
      continue;
    }
    let found = false;
    for (let length = Math.min(lexicon.longestPhrase, tokens.length - i); length > 0 && !found; length--) {
      const phrase = tokens.slice(i, i + length).join(' ');
      const senses = lexicon.senses.get(phrase);
      if (senses === undefined) continue;
      mentions.push({ phrase, start: i, senses, statedCount: statedCountBefore(tokens, i, previousEnd) });
      i += length;
      previousEnd = i;
      found = true;
    }
    if (!found) i += 1;
  }
  return mentions;
}
