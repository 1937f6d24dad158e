/**
 * The compositions `test-comp` measures: a fixed ~10% of class pairs and ~12% of (class, colour)
 * combinations never appear in train or val. Decided by hashing names only, never the seed, so every run
 * and every split agrees on what is held out.
 */
import type { ColorName } from './colors.ts';
import { hashUnit } from './rng.ts';

export const HELD_OUT_PAIR_FRACTION = 0.1;
export const HELD_OUT_COMBO_FRACTION = 0.12;

export function isHeldOutPair(a: string, b: string): boolean {
  if (a === b) return false;
  const [first, second] = a < b ? [a, b] : [b, a];
  return hashUnit('held-out-pair', first, second) < HELD_OUT_PAIR_FRACTION;
}

export function isHeldOutCombo(classId: string, color: ColorName): boolean {
  return hashUnit('held-out-combo', classId, color) < HELD_OUT_COMBO_FRACTION;
}

interface ComposedObject {
  class: string;
  color: ColorName | null;
}

/** The held-out pairs and combinations a scene contains (both empty for a scene fit for training). */
export function heldOutIn(objects: readonly ComposedObject[]): { pairs: string[][]; combos: string[][] } {
  const pairs: string[][] = [];
  const combos: string[][] = [];
  for (const [i, object] of objects.entries()) {
    if (object.color !== null && isHeldOutCombo(object.class, object.color))
      combos.push([object.class, object.color]);
    for (const other of objects.slice(i + 1)) {
      if (isHeldOutPair(object.class, other.class)) pairs.push([object.class, other.class].sort());
    }
  }
  return { pairs, combos };
}
