/**
 * Where each object instance goes: sizes large enough to recognise (visible bounds of roughly 28–64 px at 128 px), small rotations,
 * random mirroring, and positions whose visible bounds barely overlap, so every copy can be counted.
 */

import { type Box, type Placement, placedBounds } from './composite.ts';
import type { ObjectGroup } from './composition.ts';
import type { Rng } from './rng.ts';

export interface PlacedInstance {
  group: number;
  placement: Placement;
  /** Estimated visible bounds on the canvas (from the sprite's alpha bounds). */
  estimate: Box;
}

/** Largest drawn side (fraction of the image) by number of instances; the smallest is MIN_SIDE. */
export const LARGEST_SIDE = 0.58;
const MAX_SIDE = [LARGEST_SIDE, 0.5, 0.44, 0.38, 0.34, 0.31];
/** Sprites fill ~85% of their square, so a 32 px square (at 128 px) leaves a ~28 px visible object. */
const MIN_SIDE = 0.25;
/** Overlap allowed between two instances, as a fraction of the smaller visible box. */
const MAX_OVERLAP = 0.08;
const MAX_ANGLE = (15 * Math.PI) / 180;

function area(box: Box): number {
  return Math.max(0, box.x1 - box.x0) * Math.max(0, box.y1 - box.y0);
}

function overlapFraction(a: Box, b: Box): number {
  const inter = area({
    x0: Math.max(a.x0, b.x0),
    y0: Math.max(a.y0, b.y0),
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
  });
  return inter / Math.max(1, Math.min(area(a), area(b)));
}

function placeOne(
  rng: Rng,
  bounds: Box,
  side: number,
  size: number,
  placed: readonly PlacedInstance[],
): Omit<PlacedInstance, 'group'> | null {
  const angle = rng.chance(0.5) ? 0 : rng.range(-MAX_ANGLE, MAX_ANGLE);
  const flip = rng.chance(0.3);
  const atOrigin = placedBounds(bounds, 1, { cx: 0, cy: 0, side, angle, flip });
  const margin = 1;
  const cxLow = margin - atOrigin.x0;
  const cxHigh = size - margin - atOrigin.x1;
  const cyLow = margin - atOrigin.y0;
  const cyHigh = size - margin - atOrigin.y1;
  if (cxHigh < cxLow || cyHigh < cyLow) return null;
  for (let attempt = 0; attempt < 30; attempt++) {
    const placement = { cx: rng.range(cxLow, cxHigh), cy: rng.range(cyLow, cyHigh), side, angle, flip };
    const estimate = placedBounds(bounds, 1, placement);
    if (placed.every((other) => overlapFraction(estimate, other.estimate) <= MAX_OVERLAP)) {
      return { placement, estimate };
    }
  }
  return null;
}

/**
 * Places every instance of every group, or returns null when they do not fit (the caller recomposes).
 * `boundsOf` gives a class's visible bounds as fractions of its sprite square.
 */
export function layoutScene(
  rng: Rng,
  groups: readonly ObjectGroup[],
  boundsOf: (classIndex: number) => Box,
  size: number,
  sideScale = 1,
): PlacedInstance[] | null {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  // sideScale > 1 draws larger objects: a photo of one thing fills more of the frame than an emoji scene does.
  const maxSide =
    Math.min(0.95, (MAX_SIDE[Math.min(total, MAX_SIDE.length) - 1] ?? MIN_SIDE) * sideScale) * size;
  const minSide = MIN_SIDE * sideScale * size;
  const placed: PlacedInstance[] = [];
  for (const [index, group] of groups.entries()) {
    const bounds = boundsOf(group.classIndex);
    // Copies of one class share a size, give or take 10%, as copies in a picture usually do.
    const groupSide = rng.range(minSide, maxSide);
    for (let copy = 0; copy < group.count; copy++) {
      let side = Math.min(maxSide, Math.max(minSide, groupSide * rng.range(0.9, 1.1)));
      let spot = placeOne(rng, bounds, side, size, placed);
      while (spot === null && side > minSide) {
        side = Math.max(minSide, side * 0.85);
        spot = placeOne(rng, bounds, side, size, placed);
      }
      if (spot === null) return null;
      placed.push({ group: index, ...spot });
    }
  }
  return placed;
}
