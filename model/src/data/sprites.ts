/**
 * Sprite atlases: every class of one style rasterised once with sharp at one pixel size and cached as a PNG
 * grid under `<cacheDir>/<size>px/`. Scenes are then composed from raw pixels, never by calling sharp.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { OBJECT_CLASSES } from './classes.ts';
import { iconSetVersion, iconSvg } from './icons.ts';
import { hash32 } from './rng.ts';
import type { StyleId } from './styles.ts';

const ATLAS_COLUMNS = 16;
/** Alpha (0–255) from which a pixel counts as part of the drawn object. */
export const VISIBLE_ALPHA = 96;

export interface Sprite {
  size: number;
  /** Premultiplied RGBA, so bilinear sampling does not darken anti-aliased edges. */
  rgba: Uint8ClampedArray;
  /** Visible (alpha) bounds inside the sprite square, end exclusive. */
  bounds: { x0: number; y0: number; x1: number; y1: number };
  /** Alpha-weighted mean colour, to keep backgrounds from swallowing the object. */
  meanColor: readonly [number, number, number];
}

export interface SpriteAtlas {
  style: StyleId;
  size: number;
  /** Indexed like OBJECT_CLASSES; undefined where the style has no icon for the class. */
  sprites: readonly (Sprite | undefined)[];
}

function atlasPath(cacheDir: string, style: StyleId, size: number): string {
  const icons = OBJECT_CLASSES.map((c) => c.icons[style] ?? '-');
  const key = hash32(style, iconSetVersion(style), size, ...icons)
    .toString(16)
    .padStart(8, '0');
  return join(cacheDir, `${size}px`, `${style}-${key}.png`);
}

async function rasterise(style: StyleId, size: number, path: string): Promise<void> {
  const rows = Math.ceil(OBJECT_CLASSES.length / ATLAS_COLUMNS);
  const atlas = Buffer.alloc(ATLAS_COLUMNS * size * rows * size * 4);
  const stride = ATLAS_COLUMNS * size * 4;
  await Promise.all(
    OBJECT_CLASSES.map(async (objectClass, index) => {
      const icon = objectClass.icons[style];
      if (icon === undefined) return;
      const pixels = await sharp(Buffer.from(iconSvg(style, icon, size)))
        .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .ensureAlpha()
        .raw()
        .toBuffer();
      const left = (index % ATLAS_COLUMNS) * size * 4;
      const top = Math.floor(index / ATLAS_COLUMNS) * size;
      for (let y = 0; y < size; y++) {
        pixels.copy(atlas, (top + y) * stride + left, y * size * 4, (y + 1) * size * 4);
      }
    }),
  );
  mkdirSync(join(path, '..'), { recursive: true });
  // Written under a temporary name and renamed, so a crash or a parallel run never leaves half an atlas.
  const partial = `${path}.${process.pid}.tmp`;
  await sharp(atlas, { raw: { width: ATLAS_COLUMNS * size, height: rows * size, channels: 4 } })
    .png()
    .toFile(partial);
  renameSync(partial, path);
}

function toSprite(atlas: Buffer, atlasWidth: number, index: number, size: number): Sprite {
  const left = (index % ATLAS_COLUMNS) * size;
  const top = Math.floor(index / ATLAS_COLUMNS) * size;
  const sprite = spriteAt(atlas, atlasWidth, left, top, size);
  if (sprite === null) throw new Error(`sprite ${index} is empty`);
  return sprite;
}

/** A sprite from one straight-alpha RGBA square (size × size), or null when nothing in it is visible. */
export function spriteFromRgba(pixels: Buffer, size: number): Sprite | null {
  return spriteAt(pixels, size, 0, 0, size);
}

function spriteAt(atlas: Buffer, atlasWidth: number, left: number, top: number, size: number): Sprite | null {
  const rgba = new Uint8ClampedArray(size * size * 4);
  let x0 = size;
  let y0 = size;
  let x1 = 0;
  let y1 = 0;
  let sumR = 0;
  let sumG = 0;
  let sumB = 0;
  let sumA = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = ((top + y) * atlasWidth + left + x) * 4;
      const to = (y * size + x) * 4;
      const alpha = atlas[from + 3] ?? 0;
      const a = alpha / 255;
      const r = atlas[from] ?? 0;
      const g = atlas[from + 1] ?? 0;
      const b = atlas[from + 2] ?? 0;
      rgba[to] = r * a;
      rgba[to + 1] = g * a;
      rgba[to + 2] = b * a;
      rgba[to + 3] = alpha;
      sumR += r * a;
      sumG += g * a;
      sumB += b * a;
      sumA += a;
      if (alpha >= VISIBLE_ALPHA) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  if (x1 <= x0) return null;
  const mean = (sum: number) => (sumA > 0 ? sum / sumA : 0);
  return { size, rgba, bounds: { x0, y0, x1, y1 }, meanColor: [mean(sumR), mean(sumG), mean(sumB)] };
}

/** Rasterises the atlas if it is not cached yet, then decodes it into sprites. */
export async function loadSpriteAtlas(cacheDir: string, style: StyleId, size: number): Promise<SpriteAtlas> {
  const path = atlasPath(cacheDir, style, size);
  if (!existsSync(path)) await rasterise(style, size, path);
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const sprites = OBJECT_CLASSES.map((objectClass, index) =>
    objectClass.icons[style] === undefined ? undefined : toSprite(data, info.width, index, size),
  );
  return { style, size, sprites };
}
