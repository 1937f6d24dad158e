/**
 * Degraded copies of a scene split for the verifier's fitting: each image downscaled, blurred, shifted in contrast
 * and brightness, noised or JPEG-compressed (at least one, seeded per image), its scene unchanged. The objects are
 * still there, so the labels stay true, but the model misreads more of them (a quarter of val's copies against 2 %
 * of val): wrong captions of familiar objects in unfamiliar pixels, which the validation split alone has too few of
 * for the verifier to learn what a misreading looks like. Written in the split layout as `<split>-degraded`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { Rng } from '../data/rng.ts';
import type { SplitFiles } from '../eval/split-files.ts';

interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

/** One image's degradations, at least one of them, each a sharp step. */
async function degrade(path: string, rng: Rng): Promise<Buffer> {
  let image: Sharp = sharp(path).removeAlpha();
  const { width = 128, height = 128 } = await image.metadata();
  const steps: ((img: Sharp) => Promise<Sharp>)[] = [
    async (img) => {
      const side = rng.int(40, 80);
      return sharp(await img.resize(side, side, { fit: 'fill' }).toBuffer()).resize(width, height, {
        fit: 'fill',
      });
    },
    async (img) => sharp(await img.blur(rng.range(0.8, 2)).toBuffer()),
    async (img) => sharp(await img.linear(rng.range(0.5, 1.2), rng.range(-40, 40)).toBuffer()),
    async (img) => {
      const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
      const sd = rng.range(8, 30);
      // Roughly Gaussian noise: the sum of three uniforms.
      for (let k = 0; k < data.length; k++)
        data[k] = Math.max(
          0,
          Math.min(255, (data[k] ?? 0) + sd * 2 * (rng.float() + rng.float() + rng.float() - 1.5)),
        );
      return sharp(data, { raw: info });
    },
    async (img) => sharp(await img.jpeg({ quality: rng.int(8, 35) }).toBuffer()),
  ];
  const chosen = steps.filter(() => rng.chance(0.5));
  if (chosen.length === 0) chosen.push(rng.pick(steps));
  for (const step of chosen) image = await step(image);
  return image.png().toBuffer();
}

/** Writes `<outDir>/<split>-degraded` from the first `count` images of `source` (by id); returns the image count. */
export async function writeDegradedCopies(
  source: SplitFiles,
  outDir: string,
  count: number,
  seed: number,
): Promise<number> {
  const name = `${source.split}-degraded`;
  const dir = join(outDir, name);
  mkdirSync(join(dir, 'images'), { recursive: true });
  const coco = JSON.parse(readFileSync(source.captionsPath, 'utf8')) as {
    images: CocoImage[];
    annotations: { image_id: number }[];
  };
  const scenes = JSON.parse(readFileSync(source.scenesPath, 'utf8')) as { image_id: number }[];
  const images = [...coco.images].sort((a, b) => a.id - b.id).slice(0, count);
  for (const image of images) {
    const png = await degrade(join(source.imagesDir, image.file_name), new Rng(seed * 7_919 + image.id));
    writeFileSync(join(dir, 'images', image.file_name), png);
  }
  const ids = new Set(images.map((image) => image.id));
  const annotations = coco.annotations.filter((a) => ids.has(a.image_id));
  writeFileSync(join(dir, `captions_${name}.json`), JSON.stringify({ ...coco, images, annotations }));
  writeFileSync(join(dir, `scenes_${name}.json`), JSON.stringify(scenes.filter((s) => ids.has(s.image_id))));
  return images.length;
}
