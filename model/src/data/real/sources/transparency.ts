/**
 * Decides whether a picture is a cut-out: an object with real transparency around it that can be composited
 * onto another background. An alpha channel alone is not enough (many encoders add an all-opaque one), so
 * the picture's border is read: a cut-out's frame is mostly see-through.
 */
import sharp from 'sharp';

/** Alpha below this counts as see-through (out of 255); soft anti-aliased edges stay above it. */
const CLEAR_ALPHA = 16;
/** Share of border pixels that must be see-through; objects may touch the frame on a side or two. */
const CLEAR_BORDER_SHARE = 0.5;

export async function hasTransparentSurround(image: Buffer): Promise<boolean> {
  const { hasAlpha } = await sharp(image).metadata();
  if (!hasAlpha) return false;
  const { data, info } = await sharp(image)
    .extractChannel('alpha')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  let border = 0;
  let clear = 0;
  for (let y = 0; y < height; y++) {
    // Whole top and bottom rows; the first and last pixel of every other row.
    const step = y === 0 || y === height - 1 ? 1 : Math.max(1, width - 1);
    for (let x = 0; x < width; x += step) {
      border++;
      if ((data[y * width + x] ?? 255) < CLEAR_ALPHA) clear++;
    }
  }
  return border > 0 && clear / border >= CLEAR_BORDER_SHARE;
}
