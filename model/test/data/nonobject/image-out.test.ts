/** Saved image sizes (square for training, aspect kept otherwise) and the blank-shot check. */
import { describe, expect, it } from 'vitest';
import { isBlank, savedSize } from '../../../src/data/nonobject/image-out.ts';

function image(width: number, height: number, pixel: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.fill(pixel(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data };
}

describe('savedSize', () => {
  it('squashes to the square size when one is given, whatever the aspect', () => {
    expect(savedSize(1280, 800, 128)).toEqual({ width: 128, height: 128 });
    expect(savedSize(390, 844, 128)).toEqual({ width: 128, height: 128 });
  });

  it('otherwise brings the long side down to 256 px with the aspect kept, never up', () => {
    expect(savedSize(1280, 800, null)).toEqual({ width: 256, height: 160 });
    expect(savedSize(390, 844, null)).toEqual({ width: 118, height: 256 });
    expect(savedSize(200, 150, null)).toEqual({ width: 200, height: 150 });
  });
});

describe('isBlank', () => {
  it('is true for one colour with faint noise, false once a line of text shows', () => {
    expect(isBlank(image(64, 64, (x, y) => 240 + ((x + y) % 3)))).toBe(true);
    expect(isBlank(image(64, 64, (x, y) => (y === 30 && x > 10 && x < 40 ? 40 : 245)))).toBe(false);
  });
});
