/**
 * Pseudo-English from the generator's own word list (words.ts): sentences with a plausible rhythm of
 * articles, nouns, verbs and prepositions, headings, names, identifiers, dates and amounts. It reads like
 * text at a glance, which is all a 128-px screenshot shows, and it quotes no one.
 */
import type { Rng } from '../rng.ts';
import { ADJECTIVES, ADVERBS, FUNCTION_WORDS, NAME_SYLLABLES, NOUNS, VERBS } from './words.ts';

const PREPOSITIONS = ['of', 'for', 'with', 'in', 'on', 'across', 'within', 'after', 'before', 'between'];
const DETERMINERS = ['the', 'the', 'a', 'each', 'every', 'this', 'our', 'their', 'some'];
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Third person singular: "update" -> "updates", "reach" -> "reaches", "apply" -> "applies". */
function thirdPerson(verb: string): string {
  if (/(s|x|z|ch|sh)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

export class Prose {
  constructor(private readonly rng: Rng) {}

  noun(): string {
    return this.rng.pick(NOUNS);
  }

  verb(): string {
    return this.rng.pick(VERBS);
  }

  word(): string {
    return this.rng.pick(this.rng.pick([NOUNS, NOUNS, VERBS, ADJECTIVES, FUNCTION_WORDS]));
  }

  private nounPhrase(): string {
    const adjective = this.rng.chance(0.4) ? `${this.rng.pick(ADJECTIVES)} ` : '';
    const determiner = this.rng.pick(DETERMINERS);
    const head = `${adjective}${this.noun()}`;
    if (determiner === 'a') return `${/^[aeiou]/.test(head) ? 'an' : 'a'} ${head}`;
    return `${determiner} ${head}`;
  }

  private clause(): string {
    const parts = [this.nounPhrase()];
    if (this.rng.chance(0.2)) parts.push(this.rng.pick(ADVERBS));
    parts.push(thirdPerson(this.rng.pick(VERBS)), this.nounPhrase());
    const extras = this.rng.int(0, 2);
    for (let i = 0; i < extras; i++) parts.push(this.rng.pick(PREPOSITIONS), this.nounPhrase());
    return parts.join(' ');
  }

  sentence(): string {
    let text = this.clause();
    if (this.rng.chance(0.3))
      text += `, ${this.rng.pick(['and', 'while', 'because', 'although', 'so'])} ${this.clause()}`;
    return `${capitalise(text)}${this.rng.chance(0.1) ? '?' : '.'}`;
  }

  paragraph(minSentences = 2, maxSentences = 6): string {
    return Array.from({ length: this.rng.int(minSentences, maxSentences) }, () => this.sentence()).join(' ');
  }

  /** Sentence case, no full stop: "Annual review of the budget". */
  heading(minWords = 2, maxWords = 5): string {
    const words = [this.rng.pick([...ADJECTIVES, ...NOUNS])];
    while (words.length < this.rng.int(minWords, maxWords)) {
      words.push(this.rng.chance(0.25) ? this.rng.pick(PREPOSITIONS) : this.noun());
    }
    return capitalise(words.join(' '));
  }

  /** Title Case: "Quarterly Service Report". */
  title(minWords = 2, maxWords = 4): string {
    return this.heading(minWords, maxWords).split(' ').map(capitalise).join(' ');
  }

  /** A made-up given name or surname: two or three syllables. */
  nameWord(): string {
    const syllables = this.rng.int(2, 3);
    return capitalise(Array.from({ length: syllables }, () => this.rng.pick(NAME_SYLLABLES)).join(''));
  }

  personName(): string {
    return `${this.nameWord()} ${this.nameWord()}`;
  }

  initials(name: string): string {
    return name
      .split(' ')
      .map((part) => part.charAt(0))
      .join('');
  }

  identifier(style: 'camel' | 'snake' | 'pascal' | 'kebab', words = this.rng.int(1, 3)): string {
    const parts = Array.from({ length: words }, () => this.rng.pick([...NOUNS, ...VERBS, ...ADJECTIVES]));
    if (style === 'snake') return parts.join('_');
    if (style === 'kebab') return parts.join('-');
    const joined = parts.map(capitalise).join('');
    return style === 'pascal' ? joined : joined.charAt(0).toLowerCase() + joined.slice(1);
  }

  emailAddress(name = this.personName()): string {
    return `${name.toLowerCase().replace(' ', '.')}@${this.noun()}.example`;
  }

  domain(): string {
    return `${this.noun()}${this.rng.pick(['', '-', ''])}${this.noun()}.example`;
  }

  date(): string {
    const year = this.rng.int(2019, 2027);
    const month = this.rng.int(1, 12);
    const day = this.rng.int(1, 28);
    if (this.rng.chance(0.5))
      return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return `${day} ${MONTHS[month - 1] ?? 'Jan'} ${year}`;
  }

  time(): string {
    return `${String(this.rng.int(0, 23)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}`;
  }

  amount(low = 1, high = 10_000, decimals = 2): string {
    return this.rng.range(low, high).toLocaleString('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
  }

  percent(): string {
    return `${this.rng.range(0, 100).toFixed(this.rng.int(0, 1))}%`;
  }
}
