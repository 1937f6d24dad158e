/**
 * Generates one split on disk (docs/architecture.md): images, COCO captions, scene records, a contact
 * sheet, and `meta.json` last, which marks the split complete; a rerun with the same parameters skips it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECT_CLASSES } from './classes.ts';
import { writeContactSheet } from './contact-sheet.ts';
import { LARGEST_SIDE } from './layout.ts';
import { cocoCaptions } from './records.ts';
import { type BatchContext, loadStyleSprites, renderBatch } from './render-batch.ts';
import { hash32 } from './rng.ts';
import { MAX_IMAGES_PER_SPLIT, type SplitName, splitSeed } from './splits.ts';
import { renderWithWorkers } from './worker-pool.ts';

/** Bump when a change alters generated images or captions, so old splits are regenerated. */
export const GENERATOR_VERSION = 1;

export interface SplitOptions {
  outDir: string;
  split: SplitName;
  count: number;
  size: number;
  seed: number;
  spritesDir: string;
  /** Worker threads; 0 or 1 renders on the main thread (tests, small splits). */
  workers: number;
  onImages?: (images: number) => void;
}

export interface SplitResult {
  skipped: boolean;
  seconds: number;
}

/** Sprites are cached at the largest drawn side and half of it, so downscaling stays under 2×. */
export function spriteSizesFor(size: number): number[] {
  const largest = Math.ceil(size * LARGEST_SIDE);
  return [Math.ceil(largest / 2), largest];
}

function splitMeta(options: SplitOptions): Record<string, unknown> {
  const classTable = hash32(JSON.stringify(OBJECT_CLASSES));
  return {
    split: options.split,
    count: options.count,
    size: options.size,
    seed: options.seed,
    generator: GENERATOR_VERSION,
    classTable,
  };
}

function isComplete(splitDir: string, meta: Record<string, unknown>, split: SplitName): boolean {
  const metaPath = join(splitDir, 'meta.json');
  if (!existsSync(metaPath) || !existsSync(join(splitDir, `captions_${split}.json`))) return false;
  return readFileSync(metaPath, 'utf8') === `${JSON.stringify(meta, null, 2)}\n`;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value)}\n`);
}

export async function generateSplit(options: SplitOptions): Promise<SplitResult> {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_IMAGES_PER_SPLIT) {
    throw new Error(`--count for ${options.split} must be 1..${MAX_IMAGES_PER_SPLIT}, got ${options.count}`);
  }
  const started = performance.now();
  const splitDir = join(options.outDir, options.split);
  const meta = splitMeta(options);
  if (isComplete(splitDir, meta, options.split)) return { skipped: true, seconds: 0 };

  rmSync(splitDir, { recursive: true, force: true });
  const imagesDir = join(splitDir, 'images');
  mkdirSync(imagesDir, { recursive: true });
  const context: BatchContext = {
    split: options.split,
    size: options.size,
    splitSeed: splitSeed(options.seed, options.split),
    imagesDir,
    spritesDir: options.spritesDir,
    spriteSizes: spriteSizesFor(options.size),
  };
  // Loading here also rasterises any missing atlas once, before workers race to do the same.
  const sprites = await loadStyleSprites(context);
  const onImages = options.onImages ?? (() => {});
  const images =
    options.workers > 1
      ? await renderWithWorkers(context, options.count, options.workers, onImages)
      : await renderBatch(context, sprites, 0, options.count, () => onImages(1));

  writeJson(
    join(splitDir, `captions_${options.split}.json`),
    cocoCaptions(
      {
        description: `synthetic scene captions, split ${options.split}`,
        version: String(GENERATOR_VERSION),
        seed: options.seed,
      },
      images.map(({ record, captions }) => ({
        imageId: record.image_id,
        width: options.size,
        height: options.size,
        captions,
      })),
    ),
  );
  writeJson(
    join(splitDir, `scenes_${options.split}.json`),
    images.map(({ record }) => record),
  );
  await writeContactSheet(splitDir, images);
  writeFileSync(join(splitDir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return { skipped: false, seconds: (performance.now() - started) / 1000 };
}
