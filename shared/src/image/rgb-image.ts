/** A decoded 8-bit image with interleaved RGB samples, row-major, no padding. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Drops an alpha channel by compositing over white. Transparent regions of PNG/WebP icons hold arbitrary colour
 * values (often black); white is what a viewer shows behind them on most pages.
 */
export function flattenRgba(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): RgbImage {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `flattenRgba: ${width}x${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}`,
    );
  }
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    const a = rgba[i + 3] ?? 255;
    // Integer blend with rounding: c*a/255 + 255*(255-a)/255.
    for (let c = 0; c < 3; c++) {
      data[o + c] = Math.round(((rgba[i + c] ?? 0) * a + 255 * (255 - a)) / 255);
    }
  }
  return { width, height, data };
}
