/**
 * Photographic backgrounds, decoded once at BACKGROUND_SIDE (short side, centre square) and cached; scenes
 * crop, scale, flip and sometimes defocus a region of one. Split by a hash of the photo's id like instances,
 * so test scenes stand on photos training never showed; evaluation-only licences go to test only.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { hash32, hashUnit } from '../rng.ts';
import type { InstanceSplit } from './instance-plan.ts';
import { type BackgroundImage, isTrainableLicence } from './source-instance.ts';

export const BACKGROUND_SIDE = 256;

export interface BackgroundPhoto {
  id: string;
  side: number;
  rgb: Uint8Array;
}

export function backgroundSplit(background: BackgroundImage): InstanceSplit {
  if (!isTrainableLicence(background.licence)) return 'test';
  const u = hashUnit('background-split', background.id);
  return u < 0.15 ? 'test' : u < 0.25 ? 'val' : 'train';
}

export async function loadBackground(
  cacheDir: string,
  background: BackgroundImage,
): Promise<BackgroundPhoto | null> {
  const name = `${hash32(background.file, BACKGROUND_SIDE).toString(16).padStart(8, '0')}.png`;
  const path = join(cacheDir, 'backgrounds', name);
  try {
    if (!existsSync(path)) {
      mkdirSync(join(path, '..'), { recursive: true });
      const partial = `${path}.${process.pid}.tmp`;
      await sharp(background.file)
        .resize(BACKGROUND_SIDE, BACKGROUND_SIDE, { fit: 'cover' })
        .removeAlpha()
        .png()
        .toFile(partial);
      renameSync(partial, path);
    }
    const rgb = await sharp(path).removeAlpha().raw().toBuffer();
    return { id: background.id, side: BACKGROUND_SIDE, rgb: new Uint8Array(rgb) };
  } catch {
    return null;
  }
}
