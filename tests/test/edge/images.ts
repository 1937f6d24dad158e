// Test images, encoded by sharp (libvips) so the edge decodes files produced by an independent encoder.
import sharp from 'sharp';

/** A deterministic RGB pattern: a colour ramp with a few blocks, so orientation and resizing are visible. */
export function pattern(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = Math.round((255 * x) / Math.max(1, width - 1));
      data[o + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      data[o + 2] = x < width / 3 && y < height / 3 ? 255 : 40;
    }
  }
  return data;
}

export function encode(
  format: 'jpeg' | 'png' | 'webp' | 'gif',
  width: number,
  height: number,
  options: { orientation?: number } = {},
): Promise<Buffer> {
  let image = sharp(pattern(width, height), { raw: { width, height, channels: 3 } });
  if (options.orientation !== undefined) image = image.withMetadata({ orientation: options.orientation });
  if (format === 'jpeg') return image.jpeg({ quality: 95 }).toBuffer();
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ lossless: true }).toBuffer();
  return image.gif().toBuffer();
}
