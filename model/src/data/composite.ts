/**
 * Draws a sprite into the float RGB canvas with scale, rotation and flip, by inverse mapping and bilinear
 * sampling of premultiplied RGBA. This plain loop is ~15× faster than a sharp composite per object.
 */
import { VISIBLE_ALPHA } from './sprites.ts';

/** Pixel box, end exclusive. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Placement {
  /** Centre of the sprite square on the canvas, in pixels. */
  cx: number;
  cy: number;
  /** Side of the sprite square on the canvas, in pixels. */
  side: number;
  /** Radians, clockwise on screen. */
  angle: number;
  flip: boolean;
}

/** The sprite's visible bounds after placement, as an axis-aligned box (exact for angle 0, else a bound). */
export function placedBounds(bounds: Box, spriteSize: number, placement: Placement): Box {
  const scale = placement.side / spriteSize;
  const cos = Math.cos(placement.angle);
  const sin = Math.sin(placement.angle);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [u, v] of [
    [bounds.x0, bounds.y0],
    [bounds.x1, bounds.y0],
    [bounds.x0, bounds.y1],
    [bounds.x1, bounds.y1],
  ] as const) {
    const dx = ((placement.flip ? spriteSize - u : u) - spriteSize / 2) * scale;
    const dy = (v - spriteSize / 2) * scale;
    xs.push(placement.cx + dx * cos - dy * sin);
    ys.push(placement.cy + dx * sin + dy * cos);
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Adds one bilinear tap of premultiplied RGBA into `sum`; taps outside the sprite are transparent. */
function accumulate(
  rgba: Uint8ClampedArray,
  size: number,
  u: number,
  v: number,
  weight: number,
  sum: Float64Array,
): void {
  if (u < 0 || v < 0 || u >= size || v >= size || weight === 0) return;
  const i = (v * size + u) * 4;
  sum[0] = (sum[0] ?? 0) + (rgba[i] ?? 0) * weight;
  sum[1] = (sum[1] ?? 0) + (rgba[i + 1] ?? 0) * weight;
  sum[2] = (sum[2] ?? 0) + (rgba[i + 2] ?? 0) * weight;
  sum[3] = (sum[3] ?? 0) + (rgba[i + 3] ?? 0) * weight;
}

/**
 * Blends the sprite over the canvas and returns the bounds of the pixels where its alpha reaches
 * VISIBLE_ALPHA (null if none landed on the canvas).
 */
export function drawSprite(
  canvas: Float32Array,
  canvasSize: number,
  rgba: Uint8ClampedArray,
  spriteSize: number,
  placement: Placement,
): Box | null {
  const scale = placement.side / spriteSize;
  const cos = Math.cos(placement.angle);
  const sin = Math.sin(placement.angle);
  const reach = (placement.side / 2) * Math.SQRT2 + 1;
  const left = Math.max(0, Math.floor(placement.cx - reach));
  const right = Math.min(canvasSize, Math.ceil(placement.cx + reach));
  const top = Math.max(0, Math.floor(placement.cy - reach));
  const bottom = Math.min(canvasSize, Math.ceil(placement.cy + reach));
  const half = spriteSize / 2;
  const last = spriteSize - 1;
  const rowBytes = spriteSize * 4;
  const visible: Box = { x0: canvasSize, y0: canvasSize, x1: 0, y1: 0 };
  const sum = new Float64Array(4);
  for (let y = top; y < bottom; y++) {
    const dy = y + 0.5 - placement.cy;
    for (let x = left; x < right; x++) {
      const dx = x + 0.5 - placement.cx;
      // Inverse rotation maps the canvas pixel back into sprite coordinates.
      let u = (dx * cos + dy * sin) / scale + half - 0.5;
      const v = (-dx * sin + dy * cos) / scale + half - 0.5;
      if (placement.flip) u = last - u;
      if (u <= -1 || v <= -1 || u >= spriteSize || v >= spriteSize) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const w00 = (1 - fu) * (1 - fv);
      const w10 = fu * (1 - fv);
      const w01 = (1 - fu) * fv;
      const w11 = fu * fv;
      if (u0 >= 0 && v0 >= 0 && u0 < last && v0 < last) {
        // Inside the sprite (almost every pixel): all four taps exist, so no per-tap checks or calls.
        const i = (v0 * spriteSize + u0) * 4;
        const j = i + rowBytes;
        for (let c = 0; c < 4; c++) {
          sum[c] =
            (rgba[i + c] ?? 0) * w00 +
            (rgba[i + 4 + c] ?? 0) * w10 +
            (rgba[j + c] ?? 0) * w01 +
            (rgba[j + 4 + c] ?? 0) * w11;
        }
      } else {
        sum.fill(0);
        accumulate(rgba, spriteSize, u0, v0, w00, sum);
        accumulate(rgba, spriteSize, u0 + 1, v0, w10, sum);
        accumulate(rgba, spriteSize, u0, v0 + 1, w01, sum);
        accumulate(rgba, spriteSize, u0 + 1, v0 + 1, w11, sum);
      }
      const [r = 0, g = 0, b = 0, a = 0] = sum;
      if (a <= 0) continue;
      const o = (y * canvasSize + x) * 3;
      const keep = 1 - a / 255;
      canvas[o] = r + (canvas[o] ?? 0) * keep;
      canvas[o + 1] = g + (canvas[o + 1] ?? 0) * keep;
      canvas[o + 2] = b + (canvas[o + 2] ?? 0) * keep;
      if (a >= VISIBLE_ALPHA) {
        visible.x0 = Math.min(visible.x0, x);
        visible.y0 = Math.min(visible.y0, y);
        visible.x1 = Math.max(visible.x1, x + 1);
        visible.y1 = Math.max(visible.y1, y + 1);
      }
    }
  }
  return visible.x1 > visible.x0 ? visible : null;
}
