/**
 * Screenshot -> saved image. Resized with the service's own resize (shared/src/image/resize.ts, Pillow's
 * bilinear), so training pixels are the pixels an upload becomes. `size` given: squashed to size x size, as
 * the edge (edge/src/image/decode.ts) and the Python loader both squash any upload to the model's square
 * input, aspect not kept. No size: the long side brought down to 256 px with the aspect kept, for eval paths
 * that resize to the model input themselves.
 */
import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import type { RgbImage } from '@captioner/shared/image/rgb-image.ts';
import sharp from 'sharp';

export const LONG_SIDE = 256;
/** Largest difference from the first pixel, per channel, that still counts as the same colour. */
const BLANK_TOLERANCE = 24;

export interface SavedSize {
  width: number;
  height: number;
}

export function savedSize(width: number, height: number, size: number | null): SavedSize {
  if (size !== null) return { width: size, height: size };
  const scale = Math.min(1, LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The screenshot decoded and resized to the size it is saved at. */
export async function shrinkScreenshot(png: Buffer, size: number | null): Promise<RgbImage> {
  // Chromium's screenshots are opaque; flatten anyway so the raw buffer is exactly RGB.
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const target = savedSize(info.width, info.height, size);
  const rgb = {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
  return resizeBilinear(rgb, target.width, target.height);
}

/**
 * Whether every pixel is (nearly) one colour: a crop or scroll that missed the content. Such an image is not
 * what its captions say, so it is shot again whole.
 */
export function isBlank(image: RgbImage): boolean {
  const { data } = image;
  for (let i = 3; i < data.length; i++)
    if (Math.abs((data[i] ?? 0) - (data[i % 3] ?? 0)) > BLANK_TOLERANCE) return false;
  return true;
}

export async function writePng(image: RgbImage, path: string): Promise<void> {
  await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .png({ compressionLevel: 6 })
    .toFile(path);
}
