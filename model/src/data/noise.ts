/** Cheap seeded noise: a fixed table of Gaussian samples and smooth value noise for textures. */
import { Rng } from './rng.ts';

const TABLE_SIZE = 1 << 16;

/** Box–Muller samples from a fixed seed; images read it from a random offset instead of drawing 49k normals. */
const GAUSSIAN_TABLE: Float32Array = (() => {
  const rng = new Rng(0x5eed);
  const table = new Float32Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i += 2) {
    const u = 1 - rng.float();
    const v = rng.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    table[i] = radius * Math.cos(2 * Math.PI * v);
    table[i + 1] = radius * Math.sin(2 * Math.PI * v);
  }
  return table;
})();

/** A stream of standard normal samples starting at a random place in the table. */
export function gaussianStream(rng: Rng): () => number {
  let index = rng.int(0, TABLE_SIZE - 1);
  // An odd stride visits every entry before repeating, so neighbouring pixels do not share a pattern.
  const stride = rng.int(0, 1023) * 2 + 1;
  return () => {
    index = (index + stride) & (TABLE_SIZE - 1);
    return GAUSSIAN_TABLE[index] ?? 0;
  };
}

/**
 * Smooth noise in [0, 1] over a size×size image: random values on a `cells`×`cells` grid, interpolated with
 * smoothstep, summed over `octaves` (each twice as fine, half as strong).
 */
export function valueNoise(rng: Rng, size: number, cells: number, octaves: number): Float32Array {
  const out = new Float32Array(size * size);
  let amplitude = 1;
  let total = 0;
  for (let octave = 0; octave < octaves; octave++) {
    const grid = cells << octave;
    const values = new Float32Array((grid + 1) * (grid + 1));
    for (let i = 0; i < values.length; i++) values[i] = rng.float();
    for (let y = 0; y < size; y++) {
      const gy = (y / size) * grid;
      const y0 = Math.floor(gy);
      const ty = gy - y0;
      const sy = ty * ty * (3 - 2 * ty);
      for (let x = 0; x < size; x++) {
        const gx = (x / size) * grid;
        const x0 = Math.floor(gx);
        const tx = gx - x0;
        const sx = tx * tx * (3 - 2 * tx);
        const row0 = y0 * (grid + 1);
        const row1 = row0 + grid + 1;
        const top = (values[row0 + x0] ?? 0) * (1 - sx) + (values[row0 + x0 + 1] ?? 0) * sx;
        const bottom = (values[row1 + x0] ?? 0) * (1 - sx) + (values[row1 + x0 + 1] ?? 0) * sx;
        out[y * size + x] = (out[y * size + x] ?? 0) + amplitude * (top * (1 - sy) + bottom * sy);
      }
    }
    total += amplitude;
    amplitude /= 2;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / total;
  return out;
}
