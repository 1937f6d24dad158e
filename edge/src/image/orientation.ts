import type { RgbImage } from '@captioner/shared/image/rgb-image.ts';
import ExifReader from 'exifreader';
import type { ImageFormat } from './sniff.ts';

/** EXIF orientation 1..8 (1: as stored). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

function isOrientation(value: unknown): value is Orientation {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8;
}

/**
 * The EXIF orientation of a JPEG, PNG or WebP; 1 when there is none or the metadata is unreadable (a broken EXIF
 * block must not fail an image that decodes fine). GIF has no EXIF.
 */
export function readOrientation(bytes: Uint8Array, format: ImageFormat): Orientation {
  if (format === 'gif') return 1;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const tags = ExifReader.load(buffer);
    const value = tags.Orientation?.value;
    return isOrientation(value) ? value : 1;
  } catch {
    return 1;
  }
}

/**
 * Turns stored pixels upright, as Pillow's `ImageOps.exif_transpose` does: 2 mirror, 3 rotate 180°, 4 flip,
 * 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
 */
export function applyOrientation(image: RgbImage, orientation: Orientation): RgbImage {
  if (orientation === 1) return image;
  const { width: w, height: h, data } = image;
  const swaps = orientation >= 5;
  const outWidth = swaps ? h : w;
  const outHeight = swaps ? w : h;
  // Source pixel (x, y) of output pixel (ox, oy).
  const source: (ox: number, oy: number) => number = {
    2: (ox: number, oy: number) => oy * w + (w - 1 - ox),
    3: (ox: number, oy: number) => (h - 1 - oy) * w + (w - 1 - ox),
    4: (ox: number, oy: number) => (h - 1 - oy) * w + ox,
    5: (ox: number, oy: number) => ox * w + oy,
    6: (ox: number, oy: number) => (h - 1 - ox) * w + oy,
    7: (ox: number, oy: number) => (h - 1 - ox) * w + (w - 1 - oy),
    8: (ox: number, oy: number) => ox * w + (w - 1 - oy),
  }[orientation];
  const out = new Uint8Array(data.length);
  let o = 0;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++, o += 3) {
      const s = source(ox, oy) * 3;
      out[o] = data[s] ?? 0;
      out[o + 1] = data[s + 1] ?? 0;
      out[o + 2] = data[s + 2] ?? 0;
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}
