/** Named colours: the only colours captions may mention, and the recolouring that makes them true. */

export const COLOR_NAMES = [
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'brown',
  'black',
  'white',
  'grey',
] as const;
export type ColorName = (typeof COLOR_NAMES)[number];
export type Rgb = readonly [number, number, number];

/** A clear example of each colour: what a recoloured object averages to. */
export const COLOR_RGB: Record<ColorName, Rgb> = {
  red: [214, 36, 36],
  orange: [244, 132, 26],
  yellow: [248, 214, 34],
  green: [46, 160, 60],
  blue: [36, 96, 222],
  purple: [128, 54, 184],
  pink: [244, 130, 184],
  brown: [124, 76, 38],
  black: [28, 28, 28],
  white: [240, 240, 240],
  grey: [128, 128, 128],
};

/**
 * How far a recoloured object's shading may stray from the colour (0.5 is the colour itself): bright
 * colours must stay light or they read as another colour (dark yellow looks olive, dark pink looks red),
 * and black must reach above 0.5 or the drawing becomes a featureless silhouette.
 */
const SHADING_RANGE: Record<ColorName, readonly [number, number]> = {
  red: [0.25, 0.7],
  orange: [0.35, 0.75],
  yellow: [0.45, 0.8],
  green: [0.25, 0.7],
  blue: [0.25, 0.72],
  purple: [0.22, 0.7],
  pink: [0.45, 0.8],
  brown: [0.2, 0.6],
  black: [0.35, 0.66],
  white: [0.3, 0.85],
  grey: [0.3, 0.68],
};

/** How strongly the drawing's own light and dark survive recolouring (1 = unchanged contrast). */
const SHADING_CONTRAST = 1;

/** Channel value of a colour at a lightness: 0.5 is the colour, 0 black, 1 white. */
function shade(channel: number, lightness: number): number {
  return lightness < 0.5 ? channel * lightness * 2 : channel + (255 - channel) * (lightness * 2 - 1);
}

function luminance(r: number, g: number, b: number): number {
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

/**
 * Repaints premultiplied RGBA pixels in the named colour, keeping the drawing's shading: each pixel's
 * luminance, re-centred on the object's mean, becomes a lightness around the colour (0.5 = the colour
 * itself, lower mixes toward black, higher toward white). Alpha is unchanged.
 */
export function recolor(rgba: Uint8ClampedArray, color: ColorName): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = (rgba[i + 3] ?? 0) / 255;
    if (alpha === 0) continue;
    sum += luminance(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0) / alpha;
    weight++;
  }
  const mean = weight > 0 ? sum / weight : 0.5;
  const [low, high] = SHADING_RANGE[color];
  const [cr, cg, cb] = COLOR_RGB[color];
  for (let i = 0; i < rgba.length; i += 4) {
    const alphaByte = rgba[i + 3] ?? 0;
    if (alphaByte === 0) continue;
    const alpha = alphaByte / 255;
    const l = luminance(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0) / alpha;
    const lightness = Math.min(high, Math.max(low, 0.5 + (l - mean) * SHADING_CONTRAST));
    out[i] = shade(cr, lightness) * alpha;
    out[i + 1] = shade(cg, lightness) * alpha;
    out[i + 2] = shade(cb, lightness) * alpha;
    out[i + 3] = alphaByte;
  }
  return out;
}

/** Squared distance in a roughly perceptual weighting, for "is this object visible on that colour". */
export function colorDistance(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt(2 * dr * dr + 4 * dg * dg + 3 * db * db) / 3;
}
