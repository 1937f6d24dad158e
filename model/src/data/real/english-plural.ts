/** English plurals and singulars for class names and the names sources give their pictures. */

const IRREGULAR: Readonly<Record<string, string>> = {
  mouse: 'mice',
  goose: 'geese',
  child: 'children',
  person: 'people',
  man: 'men',
  woman: 'women',
  foot: 'feet',
  tooth: 'teeth',
  knife: 'knives',
  leaf: 'leaves',
  shelf: 'shelves',
  wolf: 'wolves',
  scarf: 'scarves',
  loaf: 'loaves',
};
const SINGULAR = new Map(Object.entries(IRREGULAR).map(([one, many]) => [many, one]));
/** Words whose last letter is an s that is not a plural ending. */
const NOT_PLURAL = new Set([
  'glass',
  'grass',
  'bus',
  'dress',
  'cactus',
  'chess',
  'octopus',
  'hippopotamus',
  'rhinoceros',
  'walrus',
  'compass',
  'iris',
  'lotus',
  'asparagus',
  'hummus',
  'harness',
  'mattress',
  'canvas',
  'gas',
  'atlas',
  'plus',
  'news',
  'pliers',
  'scissors',
  'shorts',
  'trousers',
  'jeans',
  'glasses',
  'peas',
  'series',
  'species',
  'dominoes',
]);

export function pluralOf(noun: string): string {
  const words = noun.split(' ');
  const last = words.pop() ?? '';
  const irregular = IRREGULAR[last];
  let plural: string;
  if (irregular !== undefined) plural = irregular;
  else if (/(s|x|z|ch|sh)$/.test(last)) plural = `${last}es`;
  else if (/[^aeiou]y$/.test(last)) plural = `${last.slice(0, -1)}ies`;
  else plural = `${last}s`;
  return [...words, plural].join(' ');
}

/** The singular of one word, by the same rules read backwards; words that only look plural stay as they are. */
export function singularOf(word: string): string {
  const irregular = SINGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (NOT_PLURAL.has(word) || word.length < 4 || word.endsWith('ss') || word.endsWith('us')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|zes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
