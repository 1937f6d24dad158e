/**
 * Spatial relations between two single objects, from their visible (alpha) bounds. A relation is offered
 * only when it clearly holds: the boxes do not overlap along that axis, and the layout is not so diagonal
 * that a person would describe it differently.
 */
import type { BoxXywh } from './records.ts';

export type Relation = 'left of' | 'right of' | 'above' | 'below' | 'next to';

/** How much larger the offset along a relation's axis must be than the offset across it. */
const DOMINANCE = 1.3;

function centre(box: BoxXywh): [number, number] {
  return [box[0] + box[2] / 2, box[1] + box[3] / 2];
}

function overlapLength(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Relations that hold for "A <relation> B", strongest first. */
export function relationsBetween(a: BoxXywh, b: BoxXywh, imageSize: number): Relation[] {
  const [ax, ay] = centre(a);
  const [bx, by] = centre(b);
  const dx = Math.abs(bx - ax);
  const dy = Math.abs(by - ay);
  const separatedX = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0];
  const separatedY = a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
  const relations: Relation[] = [];
  // Near a 45° diagonal neither "left of" nor "above" is what a person would say, so neither is offered.
  if (separatedX && dx >= DOMINANCE * dy) relations.push(ax < bx ? 'left of' : 'right of');
  if (separatedY && dy >= DOMINANCE * dx) relations.push(ay < by ? 'above' : 'below');
  const sharedHeight = overlapLength(a[1], a[1] + a[3], b[1], b[1] + b[3]);
  const gap = Math.max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]));
  if (separatedX && sharedHeight >= 0.5 * Math.min(a[3], b[3]) && gap <= 0.25 * imageSize) {
    relations.push('next to');
  }
  return relations;
}

/** Relations that hold between every copy in group A and every copy in group B ("two dogs above a cat"). */
export function groupRelations(a: readonly BoxXywh[], b: readonly BoxXywh[], imageSize: number): Relation[] {
  let common: Relation[] | null = null;
  for (const boxA of a) {
    for (const boxB of b) {
      const found = relationsBetween(boxA, boxB, imageSize);
      common = common === null ? found : common.filter((relation) => found.includes(relation));
    }
  }
  return common ?? [];
}

/** Where a single object sits in the image, if clearly off-centre or clearly central. */
export function positionPhrase(box: BoxXywh, imageSize: number): string | null {
  const [x, y] = centre(box).map((v) => v / imageSize) as [number, number];
  const horizontal = x < 0.36 ? 'left' : x > 0.64 ? 'right' : null;
  const vertical = y < 0.36 ? 'top' : y > 0.64 ? 'bottom' : null;
  if (horizontal !== null && vertical !== null) return `in the ${vertical} ${horizontal} corner`;
  if (horizontal !== null) return `on the ${horizontal}`;
  if (vertical !== null) return `at the ${vertical}`;
  if (Math.abs(x - 0.5) < 0.08 && Math.abs(y - 0.5) < 0.08) return 'in the middle';
  return null;
}
