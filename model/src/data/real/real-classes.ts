/**
 * The caption classes of real-world pictures: the emoji classes (classes.ts) plus the candidates of
 * real-class-table.ts that enough trainable instances show. `classifyName` reads a source's name for its picture
 * ("Office chair", "fire-hydrant", "Bunch_of_Grapes") as a class.
 */
import { type Category, OBJECT_CLASSES } from '../classes.ts';
import { pluralOf, singularOf } from './english-plural.ts';
import { REAL_CLASS_TABLE } from './real-class-table.ts';
import { SOURCE_ALIASES } from './source-aliases.ts';

export interface CaptionClass {
  id: string;
  name: string;
  plural: string;
  synonyms: readonly string[];
  category: Category;
}

/** Instances a candidate needs in training before it becomes a class the model is taught. */
export const MIN_TRAINING_INSTANCES = 3;

export function normalizeWords(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\.(svg|png|jpe?g|webp|obj)$/, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

function parseTable(table: string): CaptionClass[] {
  const emojiNames = new Set(OBJECT_CLASSES.flatMap((c) => [c.name, c.plural]));
  const out: CaptionClass[] = [];
  for (const line of table.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const match = /^([^:/@]+?)(?:\/([^:@]+?))?(?::([^@]*))?\s*@(\w+)$/.exec(line);
    if (match === null) throw new Error(`real-class-table: cannot read "${line}"`);
    const [, rawName = '', rawPlural, rawSynonyms = '', category = ''] = match;
    const name = rawName.trim();
    const listed = rawSynonyms
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    // "sofa: sofas, couch": a first synonym that is the plural by the rules is the plural.
    const plural = rawPlural?.trim() ?? (listed[0] === pluralOf(name) ? listed.shift() : pluralOf(name));
    if (emojiNames.has(name)) continue; // the emoji class of that name serves real pictures too
    out.push({
      id: name.replaceAll(' ', '-'),
      name,
      plural: plural ?? pluralOf(name),
      synonyms: listed,
      category: category as Category,
    });
  }
  return out;
}

export const REAL_CANDIDATES: readonly CaptionClass[] = parseTable(REAL_CLASS_TABLE);

const EMOJI_CLASSES: readonly CaptionClass[] = OBJECT_CLASSES.map(
  ({ id, name, plural, synonyms, category }) => ({
    id,
    name,
    plural,
    synonyms,
    category,
  }),
);

interface Phrase {
  words: readonly string[];
  classId: string;
  /** 0: the class's own name or plural; 1: a synonym. Names win over synonyms ("cup" the cup, not the trophy). */
  rank: number;
  /** Real candidates win ties against emoji synonyms: a real "computer" is a desktop computer, not a laptop. */
  real: boolean;
}

function phrasesOf(classes: readonly CaptionClass[], real: boolean): Phrase[] {
  return classes.flatMap((c) => [
    ...[c.name, c.plural].map((t) => ({ words: normalizeWords(t), classId: c.id, rank: 0, real })),
    ...c.synonyms.map((t) => ({ words: normalizeWords(t), classId: c.id, rank: 1, real })),
  ]);
}

const PHRASES: readonly Phrase[] = [...phrasesOf(REAL_CANDIDATES, true), ...phrasesOf(EMOJI_CLASSES, false)];

/** Names of pictures that are not an object a caption should name, whatever else they say. */
const NOT_AN_OBJECT = new Set([
  'icon',
  'icons',
  'logo',
  'symbol',
  'button',
  'pattern',
  'border',
  'silhouette',
  'outline',
  'contour',
  'lines',
  'text',
  'font',
  'map',
  'diagram',
  'cartoon',
  'man',
  'woman',
  'boy',
  'girl',
  'male',
  'female',
  'person',
  'people',
  'face',
  'head',
  'skeleton',
]);

/**
 * The class a picture's name says it shows, or null. English puts the head noun last ("chair cushion" is a
 * cushion), so the phrase that ends rightmost wins, then the longer, then a class's own name over a synonym.
 */
export function classifyName(name: string): string | null {
  const raw = normalizeWords(name).flatMap((w) => (SOURCE_ALIASES[w] ?? w).split(' '));
  if (raw.some((w) => NOT_AN_OBJECT.has(w))) return null;
  const words = raw.map(singularOf);
  let best: { end: number; length: number; phrase: Phrase } | null = null;
  for (const phrase of PHRASES) {
    const target = phrase.words.map(singularOf);
    for (let start = 0; start + target.length <= words.length; start++) {
      if (!target.every((w, k) => words[start + k] === w)) continue;
      const end = start + target.length;
      const better =
        best === null ||
        end > best.end ||
        (end === best.end && target.length > best.length) ||
        (end === best.end &&
          target.length === best.length &&
          (phrase.rank < best.phrase.rank ||
            (phrase.rank === best.phrase.rank && phrase.real && !best.phrase.real)));
      if (better) best = { end, length: target.length, phrase };
    }
  }
  return best?.phrase.classId ?? null;
}

/**
 * Every emoji class (the emoji scenes keep teaching them) followed by the candidates with at least
 * MIN_TRAINING_INSTANCES trainable instances, in table order, so the list is stable as sources grow.
 */
export function realVocabulary(trainingCounts: ReadonlyMap<string, number>): CaptionClass[] {
  const kept = REAL_CANDIDATES.filter((c) => (trainingCounts.get(c.id) ?? 0) >= MIN_TRAINING_INSTANCES);
  return [...EMOJI_CLASSES, ...kept];
}
