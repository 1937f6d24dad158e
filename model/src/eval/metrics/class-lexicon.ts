/**
 * The words that name each object class (classes.json: name, plural, synonyms), tokenised like captions so
 * "t-shirt" or "pair of glasses" match as they appear after tokenisation. One phrase can name several classes
 * ("flower": rose, tulip, sunflower; "car": car, taxi, police car); the scene decides which one a mention means.
 */
import { tokenizeCaption } from './tokenize.ts';

/** One classes.json entry, the fields the grounded metrics use. */
export interface ObjectClassEntry {
  readonly id: string;
  readonly name: string;
  readonly plural: string;
  readonly synonyms: readonly string[];
}

/** One class a phrase can name. */
export interface ClassSense {
  readonly classId: string;
  /** The phrase is the class's own name or plural (preferred when several named classes are in the scene). */
  readonly ownWord: boolean;
  /** The phrase can only mean more than one object ("dogs", "puppies"), so with no number it still says "not 1". */
  readonly plural: boolean;
}

export interface ClassLexicon {
  /** Phrase (tokens joined by single spaces) -> the classes it can name, in classes.json order. */
  readonly senses: ReadonlyMap<string, readonly ClassSense[]>;
  /** Token count of the longest phrase, for longest-match-first search. */
  readonly longestPhrase: number;
  /** First tokens of every phrase: a word before one of these is read as its modifier ("orange pears"). */
  readonly phraseStarts: ReadonlySet<string>;
}

/** Regular English plurals of a form: dog -> dogs, bus -> buses, puppy -> puppies, leaf -> leaves. */
function regularPlurals(form: string): string[] {
  const plurals = [`${form}s`, `${form}es`];
  if (form.endsWith('y')) plurals.push(`${form.slice(0, -1)}ies`);
  if (form.endsWith('f')) plurals.push(`${form.slice(0, -1)}ves`);
  if (form.endsWith('fe')) plurals.push(`${form.slice(0, -2)}ves`);
  return plurals;
}

/**
 * Whether a form of the class can only mean several objects. The class's plural is, unless it equals the
 * name ("sheep", "fish"). A synonym is when it is a regular plural of another of the class's forms
 * ("puppies" beside "puppy"), except when it is what the class is a unit of: one "bunch of grapes" is "grapes".
 */
function isPluralForm(entry: ObjectClassEntry, forms: readonly string[], form: string): boolean {
  const name = tokenizeCaption(entry.name);
  const plural = tokenizeCaption(entry.plural);
  if (form === name) return false;
  if (form === plural) return true;
  if (name.endsWith(` of ${form}`)) return false;
  return forms.some((other) => other !== form && regularPlurals(other).includes(form));
}

export function buildClassLexicon(classes: readonly ObjectClassEntry[]): ClassLexicon {
  const senses = new Map<string, ClassSense[]>();
  let longestPhrase = 0;
  const phraseStarts = new Set<string>();
  for (const entry of classes) {
    const ownWords = new Set([tokenizeCaption(entry.name), tokenizeCaption(entry.plural)]);
    const forms = [...new Set([...ownWords, ...entry.synonyms.map(tokenizeCaption)])].filter((f) => f !== '');
    for (const form of forms) {
      const sense: ClassSense = {
        classId: entry.id,
        ownWord: ownWords.has(form),
        plural: isPluralForm(entry, forms, form),
      };
      senses.set(form, [...(senses.get(form) ?? []), sense]);
      longestPhrase = Math.max(longestPhrase, form.split(' ').length);
      phraseStarts.add(form.split(' ')[0] ?? form);
    }
  }
  return { senses, longestPhrase, phraseStarts };
}
