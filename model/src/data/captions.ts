/**
 * Five reference captions per scene, written only from what the scene record knows: class names with
 * correct counts and articles, a colour only where the object was recoloured, spatial relations only where
 * the visible bounds make them clear, and the background now and then. Several templates and word orders
 * keep the model from learning one sentence shape.
 */

import { parseBackgroundId } from './background.ts';
import { CLASS_BY_ID } from './classes.ts';
import { countWord, describe, joinList, type NounPhrase } from './english.ts';
import type { SceneRecord } from './records.ts';
import { groupRelations, positionPhrase, type Relation } from './relations.ts';
import type { Rng } from './rng.ts';

export const CAPTIONS_PER_IMAGE = 5;

const PREFIXES = [
  'a picture of',
  'an image of',
  'an image showing',
  'a drawing of',
  'an illustration of',
  'a cartoon of',
  'a cartoon picture of',
];

const RELATION_WORDS: Record<Relation, string> = {
  'left of': 'to the left of',
  'right of': 'to the right of',
  above: 'above',
  below: 'below',
  'next to': 'next to',
};

function backgroundPhrases(id: string): string[] {
  const { kind, color } = parseBackgroundId(id);
  if (kind === 'plain' && color !== null) {
    return [`on a ${color} background`, `against a ${color} background`, `in front of a ${color} background`];
  }
  if (kind === 'gradient') return ['on a gradient background', 'against a gradient background'];
  if (kind === 'texture') return ['on a patterned background', 'on a textured background'];
  if (kind === 'photo') return ['on a blurry background', 'in front of a blurred background'];
  return []; // a real photo behind the objects ("scene") or the object's own photo: nothing safe to say
}

/** What captions may call each class, and how they may open: emoji scenes use the defaults. */
export interface CaptionLexicon {
  classById: ReadonlyMap<string, { name: string; plural: string }>;
  prefixes: readonly string[];
}

const EMOJI_LEXICON: CaptionLexicon = { classById: CLASS_BY_ID, prefixes: PREFIXES };

function nounsOf(record: SceneRecord, lexicon: CaptionLexicon): NounPhrase[] {
  return record.objects.map((object) => {
    const objectClass = lexicon.classById.get(object.class);
    if (objectClass === undefined) throw new Error(`unknown class ${object.class}`);
    return { name: objectClass.name, plural: objectClass.plural, count: object.count, color: object.color };
  });
}

type Template = { weight: number; write: () => string };

function templatesFor(record: SceneRecord, size: number, rng: Rng, lexicon: CaptionLexicon): Template[] {
  const nouns = nounsOf(record, lexicon);
  const list = () => joinList(rng.shuffle(nouns).map(describe));
  const prefix = () => rng.pick(lexicon.prefixes);
  const phrases = backgroundPhrases(record.background);
  const background = () => rng.pick(phrases);
  const templates: Template[] = [
    { weight: 1, write: list },
    { weight: 2, write: () => `${prefix()} ${list()}` },
    {
      weight: 1.2,
      write: () => {
        const ordered = rng.shuffle(nouns);
        const first = ordered[0];
        const verb = first !== undefined && first.count > 1 ? 'are' : 'is';
        return `there ${verb} ${joinList(ordered.map(describe))}`;
      },
    },
    // In the same place as before real-world scenes existed, so emoji scenes keep their captions seed for seed.
    ...(phrases.length > 0
      ? [
          { weight: 0.5, write: () => `${list()} ${background()}` },
          { weight: 0.4, write: () => `${prefix()} ${list()} ${background()}` },
        ]
      : []),
  ];
  if (nouns.length >= 2) {
    templates.push({
      weight: 0.6,
      write: () => {
        const [first, ...rest] = rng.shuffle(nouns).map(describe);
        return `${first} with ${joinList(rest)}`;
      },
    });
  }
  const [onlyNoun] = nouns;
  const [onlyObject] = record.objects;
  if (nouns.length === 1 && onlyNoun !== undefined && onlyObject !== undefined) {
    const [box] = onlyObject.boxes;
    const position = onlyNoun.count === 1 && box !== undefined ? positionPhrase(box, size) : null;
    if (position !== null) {
      templates.push({ weight: 1.2, write: () => `${describe(onlyNoun)} ${position}` });
      templates.push({ weight: 0.6, write: () => `${prefix()} ${describe(onlyNoun)} ${position}` });
    }
    if (onlyNoun.count > 1) {
      const adjective = onlyNoun.color === null ? '' : `${onlyNoun.color} `;
      const group = `a group of ${countWord(onlyNoun.count)} ${adjective}${onlyNoun.plural}`;
      templates.push({ weight: 0.5, write: () => group });
    }
  }
  templates.push(...relationTemplates(record, nouns, size, rng, prefix));
  return templates;
}

/** "a dog to the left of a cat", "two dogs above a cat": for two groups, when every copy agrees. */
function relationTemplates(
  record: SceneRecord,
  nouns: readonly NounPhrase[],
  size: number,
  rng: Rng,
  prefix: () => string,
): Template[] {
  const [a, b] = record.objects;
  const [nounA, nounB] = nouns;
  if (
    nouns.length !== 2 ||
    a === undefined ||
    b === undefined ||
    nounA === undefined ||
    nounB === undefined
  ) {
    return [];
  }
  const forward = groupRelations(a.boxes, b.boxes, size);
  const backward = groupRelations(b.boxes, a.boxes, size);
  if (forward.length === 0 || backward.length === 0) return [];
  const relate = () => {
    const swap = rng.chance(0.5);
    const relation = rng.pick(swap ? backward : forward);
    const [first, second] = swap ? [nounB, nounA] : [nounA, nounB];
    return { first, text: `${describe(first)} ${RELATION_WORDS[relation]} ${describe(second)}` };
  };
  return [
    { weight: 4, write: () => relate().text },
    {
      weight: 1.2,
      write: () => {
        const { first, text } = relate();
        return `there ${first.count > 1 ? 'are' : 'is'} ${text}`;
      },
    },
    { weight: 1, write: () => `${prefix()} ${relate().text}` },
  ];
}

export function writeCaptions(
  record: SceneRecord,
  size: number,
  rng: Rng,
  lexicon: CaptionLexicon = EMOJI_LEXICON,
): string[] {
  const templates = templatesFor(record, size, rng, lexicon);
  const choices = templates.map((t) => [t, t.weight] as const);
  const captions = new Set<string>();
  for (let attempt = 0; captions.size < CAPTIONS_PER_IMAGE && attempt < 200; attempt++) {
    captions.add(rng.weighted(choices).write());
  }
  // A scene with few phrasings (one object, no position) may run out of distinct sentences: repeat then.
  const unique = [...captions];
  while (unique.length < CAPTIONS_PER_IMAGE) unique.push(unique[unique.length % captions.size] ?? '');
  return unique;
}
