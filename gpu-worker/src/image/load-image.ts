import { flattenRgba, type RgbImage } from '@captioner/shared';
import sharp from 'sharp';

/**
 * Decodes an image file or buffer (JPEG, PNG, WebP, GIF first frame, ...) to RGB with EXIF orientation applied
 * and alpha composited over white, the same flattening the edge applies.
 */
export async function loadImage(input: string | Uint8Array): Promise<RgbImage> {
  const { data, info } = await sharp(input, { animated: false, limitInputPixels: 64_000_000 })
    .rotate()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return flattenRgba(info.width, info.height, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
