/**
 * Whole-image augmentation on the float RGB canvas. All of it is mild: a recoloured "red" object or a
 * "blue" background must still read as that colour afterwards, because the captions say so.
 */
import { gaussianStream } from './noise.ts';
import type { Rng } from './rng.ts';

function jitterColors(canvas: Float32Array, rng: Rng): void {
  const brightness = rng.range(-12, 12);
  const contrast = rng.range(0.88, 1.12);
  const saturation = rng.range(0.85, 1.15);
  const offset = 128 + brightness - 128 * contrast;
  for (let i = 0; i < canvas.length; i += 3) {
    const r = canvas[i] ?? 0;
    const g = canvas[i + 1] ?? 0;
    const b = canvas[i + 2] ?? 0;
    const grey = 0.299 * r + 0.587 * g + 0.114 * b;
    canvas[i] = (grey + (r - grey) * saturation) * contrast + offset;
    canvas[i + 1] = (grey + (g - grey) * saturation) * contrast + offset;
    canvas[i + 2] = (grey + (b - grey) * saturation) * contrast + offset;
  }
}

function addNoise(canvas: Float32Array, rng: Rng): void {
  const sigma = rng.range(2, 8);
  const normal = gaussianStream(rng);
  for (let i = 0; i < canvas.length; i++) canvas[i] = (canvas[i] ?? 0) + normal() * sigma;
}

/** Separable [1, 2, 1] / 4 blur, repeated once or twice: softens edges without erasing small objects. */
function blur(canvas: Float32Array, size: number, passes: number): void {
  const scratch = new Float32Array(canvas.length);
  for (let pass = 0; pass < passes; pass++) {
    for (const [from, to, step] of [
      [canvas, scratch, 3],
      [scratch, canvas, size * 3],
    ] as const) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const i = (y * size + x) * 3;
          const atEdge = step === 3 ? x === 0 || x === size - 1 : y === 0 || y === size - 1;
          for (let c = 0; c < 3; c++) {
            const centre = from[i + c] ?? 0;
            to[i + c] = atEdge
              ? centre
              : ((from[i + c - step] ?? 0) + 2 * centre + (from[i + c + step] ?? 0)) / 4;
          }
        }
      }
    }
  }
}

export interface Augmentation {
  jitter: boolean;
  noise: boolean;
  blurPasses: number;
}

export function augment(canvas: Float32Array, size: number, rng: Rng): Augmentation {
  const applied: Augmentation = {
    jitter: rng.chance(0.5),
    noise: rng.chance(0.3),
    // One pass only: at 128 px a second pass makes the smallest objects hard to recognise.
    blurPasses: rng.chance(0.12) ? 1 : 0,
  };
  if (applied.blurPasses > 0) blur(canvas, size, applied.blurPasses);
  if (applied.jitter) jitterColors(canvas, rng);
  if (applied.noise) addNoise(canvas, rng);
  return applied;
}

/** Rounds and clamps the float canvas into the RGB bytes that are written as PNG. */
export function toRgbBytes(canvas: Float32Array): Uint8ClampedArray {
  // Assigning to a Uint8ClampedArray rounds and clamps; Uint8ClampedArray.from(canvas, fn) is 50× slower.
  const bytes = new Uint8ClampedArray(canvas.length);
  bytes.set(canvas);
  return bytes;
}
