/**
 * Which real-world pictures the data set uses, as which class, in which split. Splits are by instance: a photo,
 * a 3-D model or a drawing held out for a test split never appears in training, in any view or crop.
 *
 * Each instance's split is a function of its id alone (a hash: ~15% test, ~10% val, the rest train), so adding
 * a source never moves an instance that trained a model into a test split. Instances under licences that may not
 * train the shipped model go to test only.
 */
import { hashUnit } from '../rng.ts';
import { type CaptionClass, classifyName, realVocabulary } from './real-classes.ts';
import { isTrainableLicence, type SourceInstance } from './source-instance.ts';

export type InstanceSplit = 'train' | 'val' | 'test';

export interface PlannedInstance {
  instance: SourceInstance;
  classId: string;
  split: InstanceSplit;
}

export interface InstancePlan {
  vocabulary: CaptionClass[];
  instances: PlannedInstance[];
}

const TEST_SHARE = 0.15;
const VAL_SHARE = 0.1;

/**
 * Pictures of one object share a split: the source's own grouping (Scratch's costumes of one animal), and Open
 * Clip Art drawings of one title, which include colour and "(B and W)" copies of the same drawing.
 */
export function splitKey(instance: SourceInstance): string {
  if (instance.group !== undefined) return `${instance.source}:${instance.group}`;
  if (instance.source !== 'openclipart') return instance.id;
  const title = instance.name
    .toLowerCase()
    .replace(/\(?\bb(lack)? ?(and|&|n) ?w(hite)?\b\)?|[_ -]bw\b/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return `openclipart-title:${title}`;
}

function splitOfInstance(instance: SourceInstance): InstanceSplit {
  if (!isTrainableLicence(instance.licence)) return 'test';
  const u = hashUnit('instance-split', splitKey(instance));
  return u < TEST_SHARE ? 'test' : u < TEST_SHARE + VAL_SHARE ? 'val' : 'train';
}

export function planInstances(catalogue: readonly SourceInstance[]): InstancePlan {
  const labelled = catalogue.flatMap((instance) => {
    const classId = classifyName(instance.name);
    return classId === null ? [] : [{ instance, classId }];
  });
  const splitOf = new Map(labelled.map(({ instance }) => [instance.id, splitOfInstance(instance)]));

  const trainingCounts = new Map<string, number>();
  for (const { instance, classId } of labelled) {
    if (splitOf.get(instance.id) === 'train')
      trainingCounts.set(classId, (trainingCounts.get(classId) ?? 0) + 1);
  }
  const vocabulary = realVocabulary(trainingCounts);
  const known = new Set(vocabulary.map((c) => c.id));
  // A class without enough training instances is not taught: its pictures are left out of every split (they are
  // neither known classes for test-real nor trusted enough to be "unknown objects").
  const instances = labelled
    .filter(({ classId }) => known.has(classId) && (trainingCounts.get(classId) ?? 0) > 0)
    .map(({ instance, classId }) => ({
      instance,
      classId,
      split: splitOf.get(instance.id) ?? ('test' as const),
    }));
  return { vocabulary, instances };
}
