/** The real-world splits: which instances (instance-plan.ts) and kinds of scene each draws, and their ids. */
import type { InstanceSplit } from './instance-plan.ts';
import type { RealStyle } from './real-style.ts';

export const REAL_SPLIT_NAMES = ['train-real', 'val-real', 'test-real', 'test-clipart'] as const;
export type RealSplitName = (typeof REAL_SPLIT_NAMES)[number];

export interface RealSplitSpec {
  name: RealSplitName;
  instances: InstanceSplit;
  styles: Readonly<Record<RealStyle, number>>;
  /** After the emoji splits (1-4M) and the non-object ones (5-7M), so ids never collide when splits are mixed. */
  idOffset: number;
}

const MIXED = { photo: 0.2, cutout: 0.45, clipart: 0.35 } as const;

export const REAL_SPLITS: Record<RealSplitName, RealSplitSpec> = {
  'train-real': { name: 'train-real', instances: 'train', styles: MIXED, idOffset: 8_000_000 },
  'val-real': { name: 'val-real', instances: 'val', styles: MIXED, idOffset: 9_000_000 },
  // Photos and renders of held-out instances of known classes.
  'test-real': {
    name: 'test-real',
    instances: 'test',
    styles: { photo: 0.3, cutout: 0.7, clipart: 0 },
    idOffset: 10_000_000,
  },
  // Held-out clip-art instances.
  'test-clipart': {
    name: 'test-clipart',
    instances: 'test',
    styles: { photo: 0, cutout: 0, clipart: 1 },
    idOffset: 11_000_000,
  },
};

export function isRealSplitName(name: string): name is RealSplitName {
  return (REAL_SPLIT_NAMES as readonly string[]).includes(name);
}
