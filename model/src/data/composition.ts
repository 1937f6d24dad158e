/**
 * What a scene contains: which classes, how many of each, and which are recoloured. Training scenes avoid
 * every held-out pair and combination; `test-comp` scenes are built around at least one.
 */
import { OBJECT_CLASSES } from './classes.ts';
import { COLOR_NAMES, type ColorName } from './colors.ts';
import { isHeldOutCombo, isHeldOutPair } from './holdout.ts';
import type { Rng } from './rng.ts';

export type CompositionPolicy = 'seen' | 'held-out';

export interface ObjectGroup {
  classIndex: number;
  count: number;
  color: ColorName | null;
}

/** Most scenes hold one to three kinds of object; a fourth is rarer so objects can stay large. */
const GROUPS_WEIGHTS = [
  [1, 0.3],
  [2, 0.35],
  [3, 0.22],
  [4, 0.13],
] as const;
const COUNT_WEIGHTS = [
  [1, 0.65],
  [2, 0.22],
  [3, 0.13],
] as const;
export const MAX_INSTANCES = 6;
const RECOLOR_PROBABILITY = 0.25;
/** Black, white and grey recolouring erases the hue cues that help recognise an object: used less. */
const COLOR_WEIGHT: Partial<Record<ColorName, number>> = { black: 0.6, white: 0.6, grey: 0.6 };

function classId(index: number): string {
  return OBJECT_CLASSES[index]?.id ?? String(index);
}

function fitsTraining(candidate: number, chosen: readonly number[]): boolean {
  return chosen.every((other) => other !== candidate && !isHeldOutPair(classId(candidate), classId(other)));
}

/** A recolouring for the group, or null; under 'seen' never a held-out (class, colour) combination. */
function pickColor(rng: Rng, classIndex: number, policy: CompositionPolicy): ColorName | null {
  if (!rng.chance(RECOLOR_PROBABILITY)) return null;
  const colors = COLOR_NAMES.filter((c) => policy === 'held-out' || !isHeldOutCombo(classId(classIndex), c));
  if (colors.length === 0) return null;
  return rng.weighted(colors.map((c) => [c, COLOR_WEIGHT[c] ?? 1] as const));
}

function pickCounts(rng: Rng, groups: number): number[] {
  const counts = Array.from({ length: groups }, () => rng.weighted(COUNT_WEIGHTS));
  for (let i = counts.length - 1; counts.reduce((a, b) => a + b, 0) > MAX_INSTANCES; i--) counts[i] = 1;
  return counts;
}

/** Seeds a test-comp scene with one held-out pair (two groups) or one held-out recoloured class. */
function heldOutSeed(
  rng: Rng,
  available: readonly number[],
): { classes: number[]; colors: (ColorName | null)[] } {
  for (;;) {
    const first = rng.pick(available);
    if (rng.chance(0.55)) {
      const partners = available.filter((other) => isHeldOutPair(classId(first), classId(other)));
      if (partners.length > 0) return { classes: [first, rng.pick(partners)], colors: [null, null] };
    } else {
      const colors = COLOR_NAMES.filter((c) => isHeldOutCombo(classId(first), c));
      if (colors.length > 0) return { classes: [first], colors: [rng.pick(colors)] };
    }
  }
}

/** `available` are the class indices the scene's style can draw. */
export function composeScene(
  rng: Rng,
  available: readonly number[],
  policy: CompositionPolicy,
): ObjectGroup[] {
  const groups = rng.weighted(GROUPS_WEIGHTS);
  const classes: number[] = [];
  const colors: (ColorName | null)[] = [];
  if (policy === 'held-out') {
    const seed = heldOutSeed(rng, available);
    classes.push(...seed.classes);
    colors.push(...seed.colors);
  }
  for (let attempt = 0; classes.length < groups && attempt < 100; attempt++) {
    const candidate = rng.pick(available);
    const fits = policy === 'held-out' ? !classes.includes(candidate) : fitsTraining(candidate, classes);
    if (fits) {
      classes.push(candidate);
      colors.push(pickColor(rng, candidate, policy));
    }
  }
  // The held-out seed keeps its place even if it makes the scene larger than `groups`.
  const counts = pickCounts(rng, classes.length);
  return classes.map((classIndex, i) => ({ classIndex, count: counts[i] ?? 1, color: colors[i] ?? null }));
}
