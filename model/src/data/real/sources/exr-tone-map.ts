/**
 * Decodes a Poly Haven EXR panorama (DWAB-compressed, so three.js's EXRLoader rather than a hand-written reader)
 * and tone-maps it to 8-bit sRGB: Reinhard's global operator keyed to the picture's log-average luminance, which
 * is what makes an indoor and a sunlit panorama both come out at a normal exposure.
 */
/// <reference path="./three-exr-loader.d.ts" />
import { EXRLoader } from 'three/examples/jsm/loaders/EXRLoader.js';

/** three's FloatType constant; importing `three` for one number would load the whole library's types. */
const FLOAT_TYPE = 1015;
/** Reinhard's "key": the grey a scene's average luminance is mapped to. */
const KEY = 0.18;
/**
 * A pixel with any scaled channel this bright is a light source and is drawn white, as a camera would. The sun
 * is thousands of times the average, and DWAB decodes its core as blue with red and green at zero; left alone,
 * it comes out as a saturated blue square.
 */
const HIGHLIGHT = 8;

export interface RgbImage {
  width: number;
  height: number;
  /** 8-bit RGB, top row first. */
  pixels: Buffer;
}

export function decodeExr(bytes: Buffer): { width: number; height: number; rgba: Float32Array } {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (!(buffer instanceof ArrayBuffer)) throw new Error('EXR bytes must live in an ArrayBuffer');
  const { width, height, data } = new EXRLoader().setDataType(FLOAT_TYPE).parse(buffer);
  return { width, height, rgba: data };
}

const luminance = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
/** DWAB is lossy: its ringing leaves small negative values, which have no light to map. */
const channel = (rgba: Float32Array, index: number) => Math.max(0, rgba[index] ?? 0);

function srgb(linear: number): number {
  const c = Math.min(1, Math.max(0, linear));
  const encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(encoded * 255);
}

/** Tone-maps linear RGBA rows (bottom row first, as EXRLoader gives them) to sRGB, top row first. */
export function toneMap(width: number, height: number, rgba: Float32Array): RgbImage {
  let logSum = 0;
  for (let i = 0; i < width * height; i++) {
    logSum += Math.log(
      1e-6 + luminance(channel(rgba, 4 * i), channel(rgba, 4 * i + 1), channel(rgba, 4 * i + 2)),
    );
  }
  const scale = KEY / Math.exp(logSum / (width * height));
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = 4 * ((height - 1 - y) * width + x);
      let r = channel(rgba, from) * scale;
      let g = channel(rgba, from + 1) * scale;
      let b = channel(rgba, from + 2) * scale;
      if (Math.max(r, g, b) >= HIGHLIGHT) [r, g, b] = [HIGHLIGHT, HIGHLIGHT, HIGHLIGHT];
      // Scaling all three channels by the luminance's compression keeps hues where per-channel curves bleach them.
      const compress = 1 / (1 + luminance(r, g, b));
      const to = 3 * (y * width + x);
      pixels[to] = srgb(r * compress);
      pixels[to + 1] = srgb(g * compress);
      pixels[to + 2] = srgb(b * compress);
    }
  }
  return { width, height, pixels };
}
