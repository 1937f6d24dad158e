import { describe, expect, it } from 'vitest';
import { applyOrientation, type Orientation } from './orientation.ts';

// A 3 × 2 image whose pixels are named a..f (each pixel's three bytes hold its letter's code).
//   a b c
//   d e f
const image = {
  width: 3,
  height: 2,
  data: new Uint8Array([...'abcdef'].flatMap((ch) => [ch.charCodeAt(0), ch.charCodeAt(0), ch.charCodeAt(0)])),
};

function rows(result: { width: number; height: number; data: Uint8Array }): string[] {
  const out: string[] = [];
  for (let y = 0; y < result.height; y++) {
    let row = '';
    for (let x = 0; x < result.width; x++)
      row += String.fromCharCode(result.data[(y * result.width + x) * 3] ?? 0);
    out.push(row);
  }
  return out;
}

describe('applyOrientation (as Pillow’s ImageOps.exif_transpose)', () => {
  const expected: Record<Orientation, string[]> = {
    1: ['abc', 'def'],
    2: ['cba', 'fed'], // mirrored
    3: ['fed', 'cba'], // rotated 180°
    4: ['def', 'abc'], // flipped
    5: ['ad', 'be', 'cf'], // transposed
    6: ['da', 'eb', 'fc'], // rotated 90° clockwise
    7: ['fc', 'eb', 'da'], // transversed
    8: ['cf', 'be', 'ad'], // rotated 90° counter-clockwise
  };
  for (const [orientation, want] of Object.entries(expected)) {
    it(`orientation ${orientation}`, () => {
      const result = applyOrientation(image, Number(orientation) as Orientation);
      expect(rows(result)).toEqual(want);
      expect(result.width * result.height).toBe(6);
    });
  }
});
