/**
 * Scene backgrounds painted into a float RGB canvas: plain named colours (which captions may mention),
 * gradients, textures and "photo-like" soft blobs. Colours too close to an object's colour are avoided so
 * objects stay visible.
 */
import { COLOR_NAMES, COLOR_RGB, type ColorName, colorDistance, type Rgb } from './colors.ts';
import { gaussianStream, valueNoise } from './noise.ts';
import type { Rng } from './rng.ts';

export type BackgroundKind = 'plain' | 'gradient' | 'texture' | 'photo';

export interface Background {
  kind: BackgroundKind;
  /** Set for plain backgrounds only: the one case where a caption can name the colour truthfully. */
  color: ColorName | null;
}

/** The id written to scenes_<split>.json: `plain-<colour>`, `gradient`, `texture` or `photo`. */
export function backgroundId(background: Background): string {
  return background.color === null ? background.kind : `${background.kind}-${background.color}`;
}

export function parseBackgroundId(id: string): Background {
  const [kind, color] = id.split('-') as [BackgroundKind, ColorName | undefined];
  return { kind, color: color ?? null };
}

const MIN_CONTRAST = 70;

function contrast(color: Rgb, avoid: readonly Rgb[]): number {
  return Math.min(Infinity, ...avoid.map((other) => colorDistance(color, other)));
}

/** A named colour, lightened or darkened a little so plain backgrounds vary but still read as that colour. */
function plainColor(rng: Rng, name: ColorName): Rgb {
  const [r, g, b] = COLOR_RGB[name];
  const canDarken = !['yellow', 'pink', 'orange', 'white'].includes(name);
  const lighten = name === 'white' || name === 'black' ? 0 : rng.range(0, 0.3);
  const darken = canDarken && name !== 'black' ? rng.range(0, 0.15) : 0;
  const shift = (c: number) => (c + (255 - c) * lighten) * (1 - darken) + rng.range(-6, 6);
  return [shift(r), shift(g), shift(b)];
}

/** A random colour with moderate saturation, for gradients and textures. */
function randomColor(rng: Rng): Rgb {
  const hue = rng.float() * 6;
  const saturation = rng.range(0.1, 0.65);
  const value = rng.range(0.35, 0.97);
  const sector = Math.floor(hue);
  const f = hue - sector;
  const p = value * (1 - saturation);
  const q = value * (1 - saturation * f);
  const t = value * (1 - saturation * (1 - f));
  const table: Rgb[] = [
    [value, t, p],
    [q, value, p],
    [p, value, t],
    [p, q, value],
    [t, p, value],
    [value, p, q],
  ];
  const [r, g, b] = table[sector % 6] ?? [value, value, value];
  return [r * 255, g * 255, b * 255];
}

/** Tries a few random colours and keeps the one most distinct from the objects. */
function contrastingColor(rng: Rng, avoid: readonly Rgb[]): Rgb {
  let best = randomColor(rng);
  for (let attempt = 0; attempt < 6 && contrast(best, avoid) < MIN_CONTRAST; attempt++) {
    const candidate = randomColor(rng);
    if (contrast(candidate, avoid) > contrast(best, avoid)) best = candidate;
  }
  return best;
}

/**
 * Paints the mix of colours a and b at each pixel's weight (0 = a). Painters compute weights in their own
 * loops: one shared per-pixel callback would be megamorphic and several times slower.
 */
function paintMix(canvas: Float32Array, a: Rgb, b: Rgb, weights: Float32Array): void {
  for (let p = 0; p < weights.length; p++) {
    const t = weights[p] ?? 0;
    canvas[p * 3] = a[0] + (b[0] - a[0]) * t;
    canvas[p * 3 + 1] = a[1] + (b[1] - a[1]) * t;
    canvas[p * 3 + 2] = a[2] + (b[2] - a[2]) * t;
  }
}

function lerp(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function paintPlain(canvas: Float32Array, size: number, rng: Rng, avoid: readonly Rgb[]): Background {
  const usable = COLOR_NAMES.filter((name) => contrast(COLOR_RGB[name], avoid) >= MIN_CONTRAST);
  // White and light colours are the commonest plain backgrounds in pictures; weight them up a little.
  const choices = usable.length > 0 ? usable : ['white' as const];
  const name = rng.chance(0.25) && choices.includes('white') ? 'white' : rng.pick(choices);
  const color = plainColor(rng, name);
  paintMix(canvas, color, color, new Float32Array(size * size));
  return { kind: 'plain', color: name };
}

function paintGradient(canvas: Float32Array, size: number, rng: Rng, avoid: readonly Rgb[]): Background {
  const from = contrastingColor(rng, avoid);
  const to = contrastingColor(rng, avoid);
  const weights = new Float32Array(size * size);
  if (rng.chance(0.7)) {
    const angle = rng.range(0, 2 * Math.PI);
    const dx = Math.cos(angle) / size;
    const dy = Math.sin(angle) / size;
    const offset = 0.5 - (dx + dy) * (size / 2);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++)
        weights[y * size + x] = Math.min(1, Math.max(0, x * dx + y * dy + offset));
    }
  } else {
    const cx = rng.range(0.2, 0.8) * size;
    const cy = rng.range(0.2, 0.8) * size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) weights[y * size + x] = Math.min(1, Math.hypot(x - cx, y - cy) / size);
    }
  }
  paintMix(canvas, from, to, weights);
  return { kind: 'gradient', color: null };
}

function paintTexture(canvas: Float32Array, size: number, rng: Rng, avoid: readonly Rgb[]): Background {
  const a = contrastingColor(rng, avoid);
  // Textures stay low in contrast: a busy high-contrast pattern would hide objects instead of framing them.
  const b = lerp(a, rng.chance(0.5) ? [255, 255, 255] : [0, 0, 0], rng.range(0.1, 0.35));
  const pattern = rng.int(0, 3);
  let weights: Float32Array = new Float32Array(size * size);
  if (pattern === 0) {
    weights = valueNoise(rng, size, rng.int(4, 16), 3);
  } else if (pattern === 1) {
    const angle = rng.range(0, Math.PI);
    const frequency = (2 * Math.PI) / rng.range(6, 20);
    const [c, s] = [Math.cos(angle) * frequency, Math.sin(angle) * frequency];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) weights[y * size + x] = 0.5 + 0.5 * Math.sin(x * c + y * s);
    }
  } else if (pattern === 2) {
    const cell = rng.int(6, 18);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++)
        weights[y * size + x] = (Math.floor(x / cell) + Math.floor(y / cell)) % 2;
    }
  } else {
    const spacing = rng.int(8, 16);
    const radius = spacing * rng.range(0.15, 0.3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const dx = (x % spacing) - spacing / 2;
        const dy = (y % spacing) - spacing / 2;
        weights[y * size + x] = dx * dx + dy * dy < radius * radius ? 1 : 0;
      }
    }
  }
  paintMix(canvas, a, b, weights);
  return { kind: 'texture', color: null };
}

/** Smooth random blobs over a gradient, with mottling and grain: the colour layout of an out-of-focus photo. */
function paintPhoto(canvas: Float32Array, size: number, rng: Rng, avoid: readonly Rgb[]): Background {
  const top = contrastingColor(rng, avoid);
  const bottom = contrastingColor(rng, avoid);
  const horizon = rng.range(0.3, 0.7);
  // A Gaussian blob is separable: exp(-(dx² + dy²)/r²) = exp(-dx²/r²)·exp(-dy²/r²), so no exp per pixel.
  const blobs = Array.from({ length: rng.int(2, 6) }, () => {
    const x = rng.range(-0.1, 1.1) * size;
    const y = rng.range(-0.1, 1.1) * size;
    const radius = rng.range(0.12, 0.45) * size;
    const falloff = (centre: number) =>
      Float32Array.from({ length: size }, (_, i) => Math.exp(-(((i - centre) / radius) ** 2)));
    return {
      alongX: falloff(x),
      alongY: falloff(y),
      color: contrastingColor(rng, avoid),
      strength: rng.range(0.4, 0.85),
    };
  });
  const sky = Float32Array.from({ length: size }, (_, y) => 1 / (1 + Math.exp(-((y / size - horizon) * 8))));
  const mottle = valueNoise(rng, size, rng.int(3, 8), 2);
  const grain = gaussianStream(rng);
  const grainSigma = rng.range(1, 5);
  for (let y = 0; y < size; y++) {
    const t = sky[y] ?? 0;
    for (let x = 0; x < size; x++) {
      let r = top[0] + (bottom[0] - top[0]) * t;
      let g = top[1] + (bottom[1] - top[1]) * t;
      let b = top[2] + (bottom[2] - top[2]) * t;
      for (const blob of blobs) {
        const w = blob.strength * (blob.alongX[x] ?? 0) * (blob.alongY[y] ?? 0);
        r += (blob.color[0] - r) * w;
        g += (blob.color[1] - g) * w;
        b += (blob.color[2] - b) * w;
      }
      const shade = 0.85 + 0.3 * (mottle[y * size + x] ?? 0.5);
      const i = (y * size + x) * 3;
      canvas[i] = r * shade + grain() * grainSigma;
      canvas[i + 1] = g * shade + grain() * grainSigma;
      canvas[i + 2] = b * shade + grain() * grainSigma;
    }
  }
  return { kind: 'photo', color: null };
}

const PAINTERS: Record<BackgroundKind, typeof paintPlain> = {
  plain: paintPlain,
  gradient: paintGradient,
  texture: paintTexture,
  photo: paintPhoto,
};

/** Paints a random background; `avoid` are the objects' colours. */
export function paintBackground(
  canvas: Float32Array,
  size: number,
  rng: Rng,
  avoid: readonly Rgb[],
): Background {
  const kind = rng.weighted<BackgroundKind>([
    ['plain', 0.35],
    ['gradient', 0.2],
    ['texture', 0.2],
    ['photo', 0.25],
  ]);
  return PAINTERS[kind](canvas, size, rng, avoid);
}
