/**
 * The three non-object splits: screenshots of pages the project generates, where the right caption names no
 * object. Ids and seed streams are their own, so these splits sit beside the scene splits in any data folder.
 */
import { hash32 } from '../rng.ts';

export const NONOBJECT_SPLIT_NAMES = ['train-nonobject', 'val-nonobject', 'test-nonobject'] as const;
export type NonObjectSplitName = (typeof NONOBJECT_SPLIT_NAMES)[number];

export interface NonObjectSplitSpec {
  name: NonObjectSplitName;
  /**
   * Image ids are idOffset + index. The scene splits use 1_000_000-4_000_000 (model/src/data/splits.ts), so
   * 5_000_000 / 6_000_000 / 7_000_000 never collide with them, and stay 7 digits like their file names.
   */
  idOffset: number;
  /** Share of pages drawn from the test-only designs (reserved.ts); 0 keeps them out of the split entirely. */
  reservedShare: number;
}

/** A split holds at most this many images, so ids stay below the next split's offset. */
export const MAX_NONOBJECT_IMAGES = 1_000_000;

export const NONOBJECT_SPLITS: Record<NonObjectSplitName, NonObjectSplitSpec> = {
  'train-nonobject': { name: 'train-nonobject', idOffset: 5_000_000, reservedShare: 0 },
  'val-nonobject': { name: 'val-nonobject', idOffset: 6_000_000, reservedShare: 0 },
  // Over a third of test pages use a layout or theme no training page has, so the test says how well the
  // verifier generalises to unseen designs and not only to new seeds of seen ones.
  'test-nonobject': { name: 'test-nonobject', idOffset: 7_000_000, reservedShare: 0.4 },
};

export function isNonObjectSplitName(name: string): name is NonObjectSplitName {
  return (NONOBJECT_SPLIT_NAMES as readonly string[]).includes(name);
}

/** Each split has its own seed stream (and one apart from the scene splits'), so no two repeat a page. */
export function nonObjectSplitSeed(seed: number, split: NonObjectSplitName): number {
  return hash32('nonobject-split', split, seed);
}

export function pageSeed(splitSeedValue: number, index: number): number {
  return hash32('nonobject-page', splitSeedValue, index);
}
