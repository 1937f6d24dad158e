/**
 * Pixels of real-world pictures, rasterised once with sharp and cached as PNG under `<cacheDir>/pictures/`:
 * cut-outs as sprites (premultiplied RGBA squares, as the emoji atlases give) at two sizes, photos on their own
 * background as RGB squares to crop from. Extra views of a 3-D model (render3d/) count as the same instance.
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { hash32 } from '../rng.ts';
import { type Sprite, spriteFromRgba } from '../sprites.ts';
import type { SourceInstance } from './source-instance.ts';

/** Sprite sides cached per cut-out: scenes draw objects 25-85% of 128 px, so downscaling stays under 2x. */
export const CUTOUT_SIZES = [64, 128] as const;
/** Side of the square a photo on its own background is stored at; scenes take random crops of it. */
export const PHOTO_SIDE = 160;

export interface CutoutPicture {
  /** One entry per view (the picture itself, then any rendered views), each at CUTOUT_SIZES. */
  views: Sprite[][];
}

export interface PhotoPicture {
  side: number;
  rgb: Uint8Array;
}

function cachePath(cacheDir: string, key: string, size: number): string {
  const name = `${hash32(key, size).toString(16).padStart(8, '0')}.png`;
  return join(cacheDir, 'pictures', name.slice(0, 2), name);
}

async function cached(path: string, render: () => Sharp): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(join(path, '..'), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  await render().png({ compressionLevel: 3 }).toFile(partial);
  renameSync(partial, path);
}

function source(file: string): Sharp {
  // density: SVGs are rasterised at a resolution that leaves detail for the 128 px sprite.
  return file.endsWith('.svg') ? sharp(file, { density: 144 }) : sharp(file);
}

async function spriteAt(cacheDir: string, file: string, size: number): Promise<Sprite | null> {
  const path = cachePath(cacheDir, file, size);
  await cached(path, () =>
    source(file)
      .ensureAlpha()
      // Trim the empty margin first, so every picture's object fills its square the same way.
      .trim({ threshold: 1 })
      .resize(size - 2, size - 2, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .extend({ top: 1, bottom: 1, left: 1, right: 1, background: { r: 0, g: 0, b: 0, alpha: 0 } }),
  );
  const data = await sharp(path).ensureAlpha().raw().toBuffer();
  return spriteFromRgba(data, size);
}

/** Rendered views of a 3-D instance, if the renderer has made any (model/src/data/real/render3d). */
function renderedViews(cacheDir: string, instance: SourceInstance): string[] {
  const dir = join(cacheDir, 'render3d', instance.id.replace(/[^A-Za-z0-9._-]/g, '_'));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

export async function loadCutout(cacheDir: string, instance: SourceInstance): Promise<CutoutPicture | null> {
  const views: Sprite[][] = [];
  for (const file of [instance.file, ...renderedViews(cacheDir, instance)]) {
    try {
      const sizes = await Promise.all(CUTOUT_SIZES.map((size) => spriteAt(cacheDir, file, size)));
      if (sizes.every((s): s is Sprite => s !== null)) views.push(sizes);
    } catch {
      // A picture sharp cannot read (a broken SVG) is skipped; the instance's other views still count.
    }
  }
  return views.length > 0 ? { views } : null;
}

export async function loadPhoto(cacheDir: string, instance: SourceInstance): Promise<PhotoPicture | null> {
  const path = cachePath(cacheDir, instance.file, PHOTO_SIDE);
  try {
    await cached(path, () =>
      source(instance.file).resize(PHOTO_SIDE, PHOTO_SIDE, { fit: 'cover' }).removeAlpha(),
    );
    const rgb = await sharp(path).removeAlpha().raw().toBuffer();
    return { side: PHOTO_SIDE, rgb: new Uint8Array(rgb) };
  } catch {
    return null;
  }
}
