/**
 * Writes one non-object split: `<out>/<split>/images/<7-digit id>.png`, `captions_<split>.json` (COCO),
 * `scenes_<split>.json`, `pages_<split>.json`, `contact-sheet.png`, and `meta.json` last, which marks the
 * split complete; a rerun with the same parameters skips it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cocoCaptions, imageFileName } from '../records.ts';
import type { PageShooter } from './browser.ts';
import { writePageContactSheet } from './contact-sheet.ts';
import { isBlank, shrinkScreenshot, writePng } from './image-out.ts';
import { type PagePlan, planPage } from './page-plan.ts';
import type { RenderedPage } from './records.ts';
import {
  MAX_NONOBJECT_IMAGES,
  NONOBJECT_SPLITS,
  type NonObjectSplitName,
  nonObjectSplitSeed,
} from './splits.ts';

/** Bump when a change alters generated pages or captions, so old splits are regenerated. */
export const NONOBJECT_GENERATOR_VERSION = 2;

export interface NonObjectSplitOptions {
  outDir: string;
  split: NonObjectSplitName;
  count: number;
  /** Square side to squash to; null keeps the aspect with the long side at most 256 px. */
  size: number | null;
  seed: number;
  shooter: PageShooter;
  /** Shots waiting on the browser or the encoder at once; a little above the shooter's tabs. */
  inFlight?: number;
  onImage?: () => void;
}

export interface NonObjectSplitResult {
  skipped: boolean;
  seconds: number;
}

function metaText(options: NonObjectSplitOptions): string {
  const { split, count, size, seed } = options;
  const meta = { split, count, size: size ?? 'long-side-256', seed, generator: NONOBJECT_GENERATOR_VERSION };
  return `${JSON.stringify(meta, null, 2)}\n`;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value)}\n`);
}

async function renderPage(
  plan: PagePlan,
  options: NonObjectSplitOptions,
  imagesDir: string,
): Promise<RenderedPage> {
  let { frame } = plan;
  let image = await shrinkScreenshot(await options.shooter.shoot(plan), options.size);
  if (isBlank(image) && (frame.clip !== null || frame.scroll > 0)) {
    // The crop or scroll missed the content: shoot the page whole, and record the frame actually used.
    frame = { ...frame, clip: null, scroll: 0 };
    image = await shrinkScreenshot(await options.shooter.shoot({ html: plan.html, frame }), options.size);
  }
  await writePng(image, join(imagesDir, imageFileName(plan.imageId)));
  options.onImage?.();
  return {
    scene: { image_id: plan.imageId, style: 'screenshot', background: plan.kind, objects: [] },
    page: {
      image_id: plan.imageId,
      kind: plan.kind,
      layout: plan.layout,
      theme: plan.theme,
      test_only: plan.testOnly,
      viewport: [frame.width, frame.height],
      zoom: frame.zoom,
      scroll: Number(frame.scroll.toFixed(4)),
      clip: frame.clip,
      fit: frame.fit,
    },
    captions: plan.captions,
    width: image.width,
    height: image.height,
  };
}

/** Renders pages in index order with a bounded number in flight; the first failure stops the split. */
async function renderAll(options: NonObjectSplitOptions, imagesDir: string): Promise<RenderedPage[]> {
  const spec = NONOBJECT_SPLITS[options.split];
  const splitSeedValue = nonObjectSplitSeed(options.seed, options.split);
  const limit = options.inFlight ?? 3;
  const pages: Promise<RenderedPage>[] = [];
  const running = new Set<Promise<unknown>>();
  for (let index = 0; index < options.count; index++) {
    const page = renderPage(planPage(spec, splitSeedValue, index), options, imagesDir);
    pages.push(page);
    const settled: Promise<unknown> = page.then(
      () => running.delete(settled),
      () => running.delete(settled),
    );
    running.add(settled);
    if (running.size >= limit) await Promise.race(running);
  }
  const results = await Promise.allSettled(pages);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return Promise.all(pages);
}

export async function generateNonObjectSplit(options: NonObjectSplitOptions): Promise<NonObjectSplitResult> {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_NONOBJECT_IMAGES) {
    throw new Error(`--count for ${options.split} must be 1..${MAX_NONOBJECT_IMAGES}, got ${options.count}`);
  }
  const started = performance.now();
  const splitDir = join(options.outDir, options.split);
  const meta = metaText(options);
  const metaPath = join(splitDir, 'meta.json');
  if (existsSync(metaPath) && readFileSync(metaPath, 'utf8') === meta) return { skipped: true, seconds: 0 };

  rmSync(splitDir, { recursive: true, force: true });
  const imagesDir = join(splitDir, 'images');
  mkdirSync(imagesDir, { recursive: true });
  const pages = await renderAll(options, imagesDir);
  writeJson(
    join(splitDir, `captions_${options.split}.json`),
    cocoCaptions(
      {
        description: `screenshots of generated pages, split ${options.split}`,
        version: String(NONOBJECT_GENERATOR_VERSION),
        seed: options.seed,
      },
      pages.map(({ scene, width, height, captions }) => ({
        imageId: scene.image_id,
        width,
        height,
        captions,
      })),
    ),
  );
  writeJson(
    join(splitDir, `scenes_${options.split}.json`),
    pages.map(({ scene }) => scene),
  );
  writeJson(
    join(splitDir, `pages_${options.split}.json`),
    pages.map(({ page }) => page),
  );
  await writePageContactSheet(splitDir, pages);
  writeFileSync(metaPath, meta);
  return { skipped: false, seconds: (performance.now() - started) / 1000 };
}
