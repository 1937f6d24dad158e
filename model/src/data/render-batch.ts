/**
 * Renders a range of one split's images and writes their PNGs: the unit of work of a worker thread, or of
 * the main thread when the split is small.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { imageFileName, type SceneRecord } from './records.ts';
import { generateScene, type StyleSprites } from './scene.ts';
import { imageSeed, SPLITS, type SplitName } from './splits.ts';
import { loadSpriteAtlas, type SpriteAtlas } from './sprites.ts';
import type { StyleId } from './styles.ts';

export interface BatchContext {
  split: SplitName;
  size: number;
  splitSeed: number;
  imagesDir: string;
  spritesDir: string;
  spriteSizes: readonly number[];
}

export interface RenderedImage {
  record: SceneRecord;
  captions: string[];
}

/** How many PNG encodes may run on libuv's threads while the JS thread composes the next scenes. */
const ENCODES_IN_FLIGHT = 4;

export async function loadStyleSprites(context: BatchContext): Promise<StyleSprites> {
  const sprites = new Map<StyleId, SpriteAtlas[]>();
  for (const style of SPLITS[context.split].styles) {
    const atlases: SpriteAtlas[] = [];
    for (const size of [...context.spriteSizes].sort((a, b) => a - b)) {
      atlases.push(await loadSpriteAtlas(context.spritesDir, style, size));
    }
    sprites.set(style, atlases);
  }
  return sprites;
}

export async function renderBatch(
  context: BatchContext,
  sprites: StyleSprites,
  start: number,
  end: number,
  onImage: () => void,
): Promise<RenderedImage[]> {
  const spec = SPLITS[context.split];
  const rendered: RenderedImage[] = [];
  const encodes = new Set<Promise<void>>();
  for (let index = start; index < end; index++) {
    const imageId = spec.idOffset + index;
    const scene = generateScene({
      imageId,
      seed: imageSeed(context.splitSeed, index),
      size: context.size,
      styles: spec.styles,
      policy: spec.policy,
      sprites,
    });
    rendered.push({ record: scene.record, captions: scene.captions });
    const raw = { width: context.size, height: context.size, channels: 3 as const };
    const encode = sharp(Buffer.from(scene.rgb.buffer), { raw })
      .png({ compressionLevel: 6 })
      .toFile(join(context.imagesDir, imageFileName(imageId)))
      .then(() => {
        encodes.delete(encode);
        onImage();
      });
    encodes.add(encode);
    if (encodes.size >= ENCODES_IN_FLIGHT) await Promise.race(encodes);
  }
  await Promise.all(encodes);
  return rendered;
}
