/**
 * Bilinear resize of 8-bit RGB images, bit-exact with Pillow's `Image.resize(size, Image.BILINEAR)`.
 *
 * Why Pillow's: the model is trained on pixels PIL produces (the Python data loader resizes any image not already
 * at the model's size with it), so serving must produce the same pixels, or captions drift near ties. Pillow's
 * bilinear widens the triangle filter when downscaling (an antialiasing filter), which also keeps a 4000-px photo
 * from aliasing into noise at 128 px, unlike a plain 4-tap bilinear.
 *
 * Two separable passes (horizontal, then vertical) with 22-bit fixed-point weights and an 8-bit intermediate,
 * exactly as Pillow's Resample.c does, so results match to the byte.
 */

import type { RgbImage } from './rgb-image.ts';

const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

interface Coefficients {
  /** Kernel size: number of weights stored per output pixel. */
  ksize: number;
  /** For output pixel i: first input index at 2i, number of inputs used at 2i + 1. */
  bounds: Int32Array;
  /** Fixed-point weights, `ksize` per output pixel. */
  weights: Int32Array;
}

function triangle(x: number): number {
  const a = Math.abs(x);
  return a < 1 ? 1 - a : 0;
}

function precomputeCoefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // the triangle filter's support is 1
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const row = new Float64Array(ksize);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    const invScale = 1 / filterScale;
    // Math.trunc matches C's (int) cast, which rounds toward zero.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < count; x++) {
      const w = triangle((x + xmin - center + 0.5) * invScale);
      row[x] = w;
      total += w;
    }
    for (let x = 0; x < ksize; x++) {
      const w = x < count && total !== 0 ? (row[x] ?? 0) / total : 0;
      weights[out * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    bounds[out * 2] = xmin;
    bounds[out * 2 + 1] = count;
  }
  return { ksize, bounds, weights };
}

function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : Math.min(v, 255);
}

/** Resizes rows [rowStart, rowStart + rows) of `src` horizontally to `outWidth`. */
function resizeHorizontal(src: RgbImage, rowStart: number, rows: number, outWidth: number): RgbImage {
  const { ksize, bounds, weights } = precomputeCoefficients(src.width, outWidth);
  const out = new Uint8Array(outWidth * rows * 3);
  for (let y = 0; y < rows; y++) {
    const inRow = (y + rowStart) * src.width * 3;
    for (let x = 0; x < outWidth; x++) {
      const xmin = bounds[x * 2] ?? 0;
      const count = bounds[x * 2 + 1] ?? 0;
      let r = HALF;
      let g = HALF;
      let b = HALF;
      for (let k = 0; k < count; k++) {
        const w = weights[x * ksize + k] ?? 0;
        const p = inRow + (xmin + k) * 3;
        r += (src.data[p] ?? 0) * w;
        g += (src.data[p + 1] ?? 0) * w;
        b += (src.data[p + 2] ?? 0) * w;
      }
      const o = (y * outWidth + x) * 3;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return { width: outWidth, height: rows, data: out };
}

function resizeVertical(src: RgbImage, coefficients: Coefficients, outHeight: number): RgbImage {
  const { ksize, bounds, weights } = coefficients;
  const out = new Uint8Array(src.width * outHeight * 3);
  const stride = src.width * 3;
  for (let y = 0; y < outHeight; y++) {
    const ymin = bounds[y * 2] ?? 0;
    const count = bounds[y * 2 + 1] ?? 0;
    for (let x = 0; x < src.width; x++) {
      let r = HALF;
      let g = HALF;
      let b = HALF;
      for (let k = 0; k < count; k++) {
        const w = weights[y * ksize + k] ?? 0;
        const p = (ymin + k) * stride + x * 3;
        r += (src.data[p] ?? 0) * w;
        g += (src.data[p + 1] ?? 0) * w;
        b += (src.data[p + 2] ?? 0) * w;
      }
      const o = (y * src.width + x) * 3;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return { width: src.width, height: outHeight, data: out };
}

/** Resizes to exactly `width`×`height` (aspect ratio not kept, as the model's preprocessor expects). */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resizeBilinear: target size must be positive integers, got ${width}x${height}`);
  }
  if (image.data.length !== image.width * image.height * 3) {
    throw new RangeError(
      `resizeBilinear: ${image.width}x${image.height} RGB needs ${image.width * image.height * 3} bytes, got ${image.data.length}`,
    );
  }
  const needHorizontal = width !== image.width;
  const needVertical = height !== image.height;
  const vertical = precomputeCoefficients(image.height, height);
  let current = image;
  if (needHorizontal) {
    // Only the rows the vertical pass will read are resized horizontally, as Pillow does.
    const first = vertical.bounds[0] ?? 0;
    const last = (vertical.bounds[height * 2 - 2] ?? 0) + (vertical.bounds[height * 2 - 1] ?? 0);
    for (let y = 0; y < height; y++) vertical.bounds[y * 2] = (vertical.bounds[y * 2] ?? 0) - first;
    current = resizeHorizontal(image, first, last - first, width);
  }
  if (needVertical) current = resizeVertical(current, vertical, height);
  return needHorizontal || needVertical ? current : { ...image, data: image.data.slice() };
}
