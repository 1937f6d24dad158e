/**
 * Generates one real-world split on disk in the scene data set's layout (docs/architecture.md): images, COCO
 * captions, scene records (with the instances drawn), a contact sheet and `meta.json` last; the folder's
 * classes.json holds the emoji classes and the real-world ones, and ATTRIBUTION.md credits the pictures.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeContactSheet } from '../contact-sheet.ts';
import { writeDatasetFiles } from '../dataset-files.ts';
import { cocoCaptions, imageFileName } from '../records.ts';
import type { RenderedImage } from '../render-batch.ts';
import { hash32 } from '../rng.ts';
import { imageSeed } from '../splits.ts';
import { buildCatalogue } from './catalogue.ts';
import { type InstancePlan, planInstances } from './instance-plan.ts';
import { loadCutout, loadPhoto } from './instance-pictures.ts';
import { backgroundSplit, loadBackground } from './photo-backgrounds.ts';
import { realAttribution } from './real-attribution.ts';
import { generateRealScene, type PooledCutout, type PooledPhoto, type RealPools } from './real-scene.ts';
import { REAL_SPLITS, type RealSplitName } from './real-splits.ts';

/** Bump when a change alters generated real-world images or captions, so old splits are regenerated. */
export const REAL_GENERATOR_VERSION = 1;

export interface RealSplitOptions {
  outDir: string;
  split: RealSplitName;
  count: number;
  size: number;
  seed: number;
  /** Where the Debian packages, the catalogue and the rasterised pictures are cached. */
  sourcesDir: string;
  onImages?: (images: number) => void;
  onStage?: (stage: string) => void;
}

async function loadPools(
  plan: InstancePlan,
  options: RealSplitOptions,
  backgrounds: RealPools['backgrounds'],
) {
  const spec = REAL_SPLITS[options.split];
  const realCutouts: PooledCutout[] = [];
  const drawnCutouts: PooledCutout[] = [];
  const photos: PooledPhoto[] = [];
  for (const { instance, classId, split } of plan.instances) {
    if (split !== spec.instances) continue;
    if (instance.cutout) {
      if (instance.kind === 'drawn' ? spec.styles.clipart === 0 : spec.styles.cutout === 0) continue;
      const picture = await loadCutout(options.sourcesDir, instance);
      if (picture !== null)
        (instance.kind === 'drawn' ? drawnCutouts : realCutouts).push({
          classId,
          instanceId: instance.id,
          picture,
        });
    } else if (spec.styles.photo > 0) {
      const picture = await loadPhoto(options.sourcesDir, instance);
      if (picture !== null) photos.push({ classId, instanceId: instance.id, picture });
    }
  }
  return { realCutouts, drawnCutouts, photos, backgrounds, styles: spec.styles, vocabulary: plan.vocabulary };
}

function splitMeta(options: RealSplitOptions, plan: InstancePlan): string {
  const meta = {
    split: options.split,
    count: options.count,
    size: options.size,
    seed: options.seed,
    generator: REAL_GENERATOR_VERSION,
    plan: hash32(JSON.stringify(plan.instances.map((p) => [p.instance.id, p.classId, p.split]))),
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/** The plan every real-world split of a data folder shares; also writes classes.json and the attribution. */
export async function prepareRealData(
  outDir: string,
  sourcesDir: string,
  onStage?: (stage: string) => void,
): Promise<InstancePlan> {
  onStage?.('catalogue');
  const catalogue = await buildCatalogue(sourcesDir);
  const plan = planInstances(catalogue.instances);
  writeDatasetFiles(outDir, plan.vocabulary);
  writeFileSync(
    join(outDir, 'ATTRIBUTION.md'),
    `${readFileSync(join(outDir, 'ATTRIBUTION.md'), 'utf8')}${realAttribution(plan.instances)}`,
  );
  return plan;
}

export async function generateRealSplit(
  options: RealSplitOptions,
  plan: InstancePlan,
): Promise<{ skipped: boolean; seconds: number }> {
  const started = performance.now();
  const spec = REAL_SPLITS[options.split];
  const splitDir = join(options.outDir, options.split);
  const meta = splitMeta(options, plan);
  const metaPath = join(splitDir, 'meta.json');
  if (existsSync(metaPath) && readFileSync(metaPath, 'utf8') === meta) return { skipped: true, seconds: 0 };

  options.onStage?.('pictures');
  const catalogue = await buildCatalogue(options.sourcesDir);
  const backgrounds = [];
  for (const b of catalogue.backgrounds) {
    if (backgroundSplit(b) !== spec.instances) continue;
    const photo = await loadBackground(options.sourcesDir, b);
    if (photo !== null) backgrounds.push(photo);
  }
  const pools = await loadPools(plan, options, backgrounds);

  options.onStage?.('scenes');
  rmSync(splitDir, { recursive: true, force: true });
  const imagesDir = join(splitDir, 'images');
  mkdirSync(imagesDir, { recursive: true });
  const seedOfSplit = hash32('real-split', options.split, options.seed);
  const rendered: RenderedImage[] = [];
  const encodes = new Set<Promise<void>>();
  for (let index = 0; index < options.count; index++) {
    const imageId = spec.idOffset + index;
    const scene = generateRealScene(imageId, imageSeed(seedOfSplit, index), options.size, pools);
    rendered.push({ record: scene.record, captions: scene.captions });
    const raw = { width: options.size, height: options.size, channels: 3 as const };
    const file = join(imagesDir, imageFileName(imageId));
    const quality = scene.jpegQuality;
    const encode = (
      quality === null
        ? sharp(Buffer.from(scene.rgb.buffer), { raw }).png({ compressionLevel: 6 }).toFile(file)
        : sharp(Buffer.from(scene.rgb.buffer), { raw })
            .jpeg({ quality })
            .toBuffer()
            .then((jpeg) => sharp(jpeg).png({ compressionLevel: 6 }).toFile(file))
    ).then(() => {
      encodes.delete(encode);
      options.onImages?.(1);
    });
    encodes.add(encode);
    if (encodes.size >= 4) await Promise.race(encodes);
  }
  await Promise.all(encodes);
  writeFileSync(
    join(splitDir, `captions_${options.split}.json`),
    `${JSON.stringify(
      cocoCaptions(
        {
          description: `real-world scene captions, split ${options.split}`,
          version: String(REAL_GENERATOR_VERSION),
          seed: options.seed,
        },
        rendered.map(({ record, captions }) => ({
          imageId: record.image_id,
          width: options.size,
          height: options.size,
          captions,
        })),
      ),
    )}\n`,
  );
  writeFileSync(
    join(splitDir, `scenes_${options.split}.json`),
    `${JSON.stringify(rendered.map((r) => r.record))}\n`,
  );
  await writeContactSheet(splitDir, rendered);
  writeFileSync(metaPath, meta);
  return { skipped: false, seconds: (performance.now() - started) / 1000 };
}
