/**
 * Screenshot -> saved image. Resized with the service's own resize (shared/src/image/resize.ts, Pillow's
 * bilinear), so training pixels are the pixels an upload becomes. `size` given: squashed to size x size, as
 * the edge (edge/src/image/decode.ts) and the Python loader both squash any upload to the model's square
 * input, aspect not kept. No size: the long side brought down to 256 px with the aspect kept, for eval paths
 * that resize to the model input themselves.
 */
import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import sharp from 'sharp';

export const LONG_SIDE = 256;

export interface SavedSize {
  width: number;
  height: number;
}

export function savedSize(width: number, height: number, size: number | null): SavedSize {
  if (size !== null) return { width: size, height: size };
  const scale = Math.min(1, LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function saveScreenshot(png: Buffer, path: string, size: number | null): Promise<SavedSize> {
  // Chromium's screenshots are opaque; flatten anyway so the raw buffer is exactly RGB.
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const target = savedSize(info.width, info.height, size);
  const resized = resizeBilinear(
    {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    },
    target.width,
    target.height,
  );
  await sharp(Buffer.from(resized.data.buffer, resized.data.byteOffset, resized.data.length), {
    raw: { width: resized.width, height: resized.height, channels: 3 },
  })
    .png({ compressionLevel: 6 })
    .toFile(path);
  return target;
}
