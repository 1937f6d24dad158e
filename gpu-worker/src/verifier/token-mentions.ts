/**
 * The classes a generated caption names, read from its token ids with the model's own class phrases
 * (object_gate.json), the way the grounded metrics read caption text (model/src/eval/metrics/mentions.ts):
 * longest phrase first, a one-word phrase right before another phrase is a modifier ("orange" in "an orange
 * car"), and a count word is looked for a few words back without crossing a linking word or an earlier mention.
 * The engine has ids, not text, so it reads them here rather than decoding and re-tokenising every caption.
 */

/** What the model directory says about its class words. */
export interface ClassReading {
  /** Per class (the presence head's order), its phrases as token ids: name, plural, synonyms. */
  readonly phrases: readonly (readonly (readonly number[])[])[];
  /** Count words and the count each states ("two" -> 2), from the count gate; empty without one. */
  readonly countWords: ReadonlyMap<number, number>;
  /** Linking words a count word is not read across. */
  readonly boundaries: ReadonlySet<number>;
  /** How many words back a count word may be. */
  readonly maxBack: number;
}

export interface TokenMention {
  /** Token index of the phrase's first token, and one past its last. */
  readonly start: number;
  readonly end: number;
  /** Every class the phrase can name ("car": car, taxi, police car), ascending. */
  readonly classes: readonly number[];
  /** The count the caption states for it, when a count word precedes it. */
  readonly statedCount: number | undefined;
}

/** Phrase (token ids joined by commas) -> the classes it names, and the longest phrase's length. */
export class PhraseIndex {
  readonly #classes = new Map<string, number[]>();
  readonly #starts = new Set<number>();
  readonly longest: number;

  constructor(readonly reading: ClassReading) {
    let longest = 0;
    reading.phrases.forEach((phrases, cls) => {
      for (const phrase of phrases) {
        const key = phrase.join(',');
        const classes = this.#classes.get(key) ?? [];
        if (!classes.includes(cls)) classes.push(cls);
        this.#classes.set(key, classes);
        if (phrase[0] !== undefined) this.#starts.add(phrase[0]);
        longest = Math.max(longest, phrase.length);
      }
    });
    this.longest = longest;
  }

  classesOf(tokens: readonly number[]): readonly number[] | undefined {
    return this.#classes.get(tokens.join(','));
  }

  startsPhrase(token: number | undefined): boolean {
    return token !== undefined && this.#starts.has(token);
  }
}

/** The mentions of `tokens` (generated ids, EOS excluded) in caption order. */
export function findTokenMentions(tokens: readonly number[], index: PhraseIndex): TokenMention[] {
  const mentions: TokenMention[] = [];
  let previousEnd = 0;
  let i = 0;
  while (i < tokens.length) {
    const found = longestPhraseAt(tokens, i, index);
    if (found === undefined || (found.length === 1 && index.startsPhrase(tokens[i + 1]))) {
      i += 1;
      continue;
    }
    const end = i + found.length;
    mentions.push({
      start: i,
      end,
      classes: [...found.classes].sort((a, b) => a - b),
      statedCount: statedCountBefore(tokens, i, previousEnd, index.reading),
    });
    previousEnd = end;
    i = end;
  }
  return mentions;
}

function longestPhraseAt(
  tokens: readonly number[],
  at: number,
  index: PhraseIndex,
): { length: number; classes: readonly number[] } | undefined {
  for (let length = Math.min(index.longest, tokens.length - at); length > 0; length--) {
    const classes = index.classesOf(tokens.slice(at, at + length));
    if (classes !== undefined) return { length, classes };
  }
  return undefined;
}

function statedCountBefore(
  tokens: readonly number[],
  start: number,
  earliest: number,
  reading: ClassReading,
): number | undefined {
  for (let i = start - 1; i >= Math.max(earliest, start - reading.maxBack); i--) {
    const token = tokens[i] ?? -1;
    const count = reading.countWords.get(token);
    if (count !== undefined) return count;
    if (reading.boundaries.has(token)) return undefined;
  }
  return undefined;
}
