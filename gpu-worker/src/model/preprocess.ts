import { type RgbImage, resizeBilinear } from '@captioner/shared';
import type { PreprocessorConfig } from './model-config.ts';

/** Target pixel size of the model's input. */
export function inputSize(pre: PreprocessorConfig): { width: number; height: number } {
  return { width: pre.size.width, height: pre.size.height };
}

/**
 * Writes one image as planar float32 (C, H, W) into `out` at `offset`, following `preprocessor_config.json`:
 * bilinear resize (Pillow-exact), rescale, normalise. Returns the number of floats written.
 */
export function writePixelValues(
  image: RgbImage,
  pre: PreprocessorConfig,
  out: Float32Array,
  offset = 0,
): number {
  const { width, height } = inputSize(pre);
  const resized =
    pre.do_resize && (image.width !== width || image.height !== height)
      ? resizeBilinear(image, width, height)
      : image;
  if (resized.width !== width || resized.height !== height) {
    throw new RangeError(
      `image is ${resized.width}x${resized.height} but the model takes ${width}x${height}`,
    );
  }
  const plane = width * height;
  const scale = pre.do_rescale ? pre.rescale_factor : 1;
  for (let c = 0; c < 3; c++) {
    const mean = pre.do_normalize ? (pre.image_mean[c] ?? 0) : 0;
    const std = pre.do_normalize ? (pre.image_std[c] ?? 1) : 1;
    const base = offset + c * plane;
    for (let i = 0; i < plane; i++) {
      out[base + i] = ((resized.data[i * 3 + c] ?? 0) * scale - mean) / std;
    }
  }
  return 3 * plane;
}

/** A batch of images as one `pixel_values` buffer of shape [B, 3, H, W]. */
export function pixelValuesBatch(images: readonly RgbImage[], pre: PreprocessorConfig): Float32Array {
  const { width, height } = inputSize(pre);
  const out = new Float32Array(images.length * 3 * width * height);
  let offset = 0;
  for (const image of images) offset += writePixelValues(image, pre, out, offset);
  return out;
}
