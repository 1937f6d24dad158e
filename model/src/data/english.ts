/** Small pieces of English grammar that captions need to get right: articles, counts, lists. */

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];

/** Words spelled with a vowel but said with a consonant, and the reverse. */
const SAYS_CONSONANT = /^(uni|use|usu|ure|eu|ewe|one|once|ufo)/;
const SAYS_VOWEL = /^(hour|honest|honou?r|heir)/;

export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const word = phrase.trimStart().toLowerCase();
  if (SAYS_CONSONANT.test(word)) return 'a';
  if (SAYS_VOWEL.test(word)) return 'an';
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export function countWord(count: number): string {
  const word = COUNT_WORDS[count];
  if (word === undefined) throw new Error(`no count word for ${count}`);
  return word;
}

export interface NounPhrase {
  name: string;
  plural: string;
  count: number;
  /** A colour adjective, only when the caption may truthfully name it. */
  color: string | null;
}

/** "a dog", "an orange cat", "two red apples", "three sheep". */
export function describe(noun: NounPhrase): string {
  const adjective = noun.color === null ? '' : `${noun.color} `;
  if (noun.count === 1) {
    const head = `${adjective}${noun.name}`;
    return `${indefiniteArticle(head)} ${head}`;
  }
  return `${countWord(noun.count)} ${adjective}${noun.plural}`;
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
