/**
 * Generates three small non-object splits with Chromium and checks what training and evaluation rely on: the
 * scene splits' file layout, ids in their own ranges, PNGs of the promised size, five captions per image that
 * name no object, byte-identical records from the same seed, and test-only designs kept out of train and val.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../../src/data/classes.ts';
import { PageShooter } from '../../../src/data/nonobject/browser.ts';
import { PAGE_KINDS } from '../../../src/data/nonobject/family.ts';
import type { PageRecord } from '../../../src/data/nonobject/records.ts';
import { NONOBJECT_SPLITS, type NonObjectSplitName } from '../../../src/data/nonobject/splits.ts';
import { generateNonObjectSplit } from '../../../src/data/nonobject/split-writer.ts';
import type { CocoCaptions } from '../../../src/data/records.ts';
import { buildClassLexicon } from '../../../src/eval/metrics/class-lexicon.ts';
import { findMentions } from '../../../src/eval/metrics/mentions.ts';

const COUNT = 12;
const SEED = 3;
/** train squashed square for training, the others kept at their aspect. */
const SIZES: Record<NonObjectSplitName, number | null> = {
  'train-nonobject': 128,
  'val-nonobject': null,
  'test-nonobject': null,
};
const SPLITS = Object.keys(SIZES) as NonObjectSplitName[];

function read(outDir: string, split: NonObjectSplitName) {
  const dir = join(outDir, split);
  const text = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    dir,
    text,
    coco: JSON.parse(text(`captions_${split}.json`)) as CocoCaptions,
    scenes: JSON.parse(text(`scenes_${split}.json`)) as unknown[],
    pages: JSON.parse(text(`pages_${split}.json`)) as PageRecord[],
  };
}

describe('generateNonObjectSplit', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'nonobject-'));
  const againDir = mkdtempSync(join(tmpdir(), 'nonobject-again-'));
  let shooter: PageShooter;
  const generate = (dir: string, split: NonObjectSplitName) =>
    generateNonObjectSplit({ outDir: dir, split, count: COUNT, size: SIZES[split], seed: SEED, shooter });

  beforeAll(async () => {
    shooter = await PageShooter.launch(2);
    for (const split of SPLITS) await generate(outDir, split);
    await generate(againDir, 'test-nonobject');
  });

  afterAll(async () => {
    await shooter.close();
  });

  it('writes the scene splits layout with ids in each split range', () => {
    for (const split of SPLITS) {
      const { dir, coco, scenes } = read(outDir, split);
      const offset = NONOBJECT_SPLITS[split].idOffset;
      const ids = Array.from({ length: COUNT }, (_, i) => offset + i);
      expect(coco.images.map((image) => image.id)).toEqual(ids);
      expect(readdirSync(join(dir, 'images')).sort()).toEqual(
        ids.map((id) => `${String(id).padStart(7, '0')}.png`),
      );
      expect(coco.images.map((image) => image.file_name)).toEqual(ids.map((id) => `${id}.png`));
      for (const name of ['contact-sheet.png', 'meta.json']) expect(existsSync(join(dir, name))).toBe(true);
      expect(scenes).toEqual(
        ids.map((id) => ({ image_id: id, style: 'screenshot', background: expect.any(String), objects: [] })),
      );
      for (const scene of scenes as { background: string }[])
        expect(PAGE_KINDS as readonly string[]).toContain(scene.background);
    }
  });

  it('saves valid PNGs: 128x128 with --size 128, else the aspect kept within 256 px', async () => {
    for (const split of SPLITS) {
      const { dir, coco } = read(outDir, split);
      for (const image of coco.images) {
        const meta = await sharp(join(dir, 'images', image.file_name)).metadata();
        expect(meta.format).toBe('png');
        expect([meta.width, meta.height]).toEqual([image.width, image.height]);
        if (SIZES[split] === 128) expect([meta.width, meta.height]).toEqual([128, 128]);
        else expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(256);
      }
    }
  });

  it('gives every image five distinct captions that name no object class', () => {
    const lexicon = buildClassLexicon(OBJECT_CLASSES);
    for (const split of SPLITS) {
      const { coco } = read(outDir, split);
      for (const image of coco.images) {
        const captions = coco.annotations.filter((a) => a.image_id === image.id).map((a) => a.caption);
        expect(captions).toHaveLength(5);
        expect(new Set(captions).size).toBe(5);
        for (const caption of captions) expect(findMentions(caption, lexicon), caption).toEqual([]);
      }
    }
  });

  it('reproduces captions, scene and page records byte for byte from the same seed', () => {
    const first = read(outDir, 'test-nonobject');
    const second = read(againDir, 'test-nonobject');
    for (const name of [
      'captions_test-nonobject.json',
      'scenes_test-nonobject.json',
      'pages_test-nonobject.json',
      'meta.json',
    ])
      expect(second.text(name)).toBe(first.text(name));
  });

  it('keeps test-only designs out of train and val', () => {
    for (const split of ['train-nonobject', 'val-nonobject'] as const)
      expect(read(outDir, split).pages.filter((page) => page.test_only)).toEqual([]);
  });

  it('skips a split already generated with the same parameters', async () => {
    expect((await generate(outDir, 'val-nonobject')).skipped).toBe(true);
  });
});
