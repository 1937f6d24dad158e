/** The four splits: which art styles they draw from, which compositions they allow, and their ids and seeds. */
import type { CompositionPolicy } from './composition.ts';
import { hash32 } from './rng.ts';
import { HELD_OUT_STYLES, type StyleId, TRAINING_STYLES } from './styles.ts';

export const SPLIT_NAMES = ['train', 'val', 'test-style', 'test-comp'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface SplitSpec {
  name: SplitName;
  styles: readonly StyleId[];
  policy: CompositionPolicy;
  /** Image ids are idOffset + index, so ids never collide across splits (7 digits, as file names). */
  idOffset: number;
}

export const MAX_IMAGES_PER_SPLIT = 1_000_000;

export const SPLITS: Record<SplitName, SplitSpec> = {
  train: { name: 'train', styles: TRAINING_STYLES, policy: 'seen', idOffset: 1_000_000 },
  val: { name: 'val', styles: TRAINING_STYLES, policy: 'seen', idOffset: 2_000_000 },
  // A new style, not a new composition: test-style keeps to the pairs and colours training has seen.
  'test-style': { name: 'test-style', styles: HELD_OUT_STYLES, policy: 'seen', idOffset: 3_000_000 },
  'test-comp': { name: 'test-comp', styles: TRAINING_STYLES, policy: 'held-out', idOffset: 4_000_000 },
};

export function isSplitName(name: string): name is SplitName {
  return (SPLIT_NAMES as readonly string[]).includes(name);
}

/** Each split has its own seed stream, so no two splits repeat an image even with the same --seed. */
export function splitSeed(seed: number, split: SplitName): number {
  return hash32('split', split, seed);
}

export function imageSeed(splitSeedValue: number, index: number): number {
  return hash32('image', splitSeedValue, index);
}
