/**
 * The colour of a black body at a temperature, so the lights of a view range from warm bulbs to overcast daylight
 * the way photographs of furniture do, instead of being pure white.
 */

export type Rgb = readonly [number, number, number];

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * sRGB components in [0, 1] of a black body at `kelvin` (1000-40000 K), after Tanner Helland's fit to Mitchell
 * Charity's table: accurate to a few percent, which is all a light colour needs.
 */
export function kelvinToRgb(kelvin: number): Rgb {
  const t = Math.min(40_000, Math.max(1_000, kelvin)) / 100;
  const red = t <= 66 ? 255 : 329.698727446 * (t - 60) ** -0.1332047592;
  const green =
    t <= 66 ? 99.4708025861 * Math.log(t) - 161.1195681661 : 288.1221695283 * (t - 60) ** -0.0755148492;
  const blue = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * Math.log(t - 10) - 305.0447927307;
  return [clampUnit(red / 255), clampUnit(green / 255), clampUnit(blue / 255)];
}
