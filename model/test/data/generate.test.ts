/**
 * Generates small splits (a few dozen 64-px images) and checks what downstream training and evaluation
 * rely on: no held-out composition leaks into train/val, styles stay in their splits, ids are unique,
 * the files follow docs/architecture.md, and a seed reproduces the same bytes.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../src/data/classes.ts';
import type { ObjectClassEntry } from '../../src/eval/metrics/class-lexicon.ts';
import { scoreGrounded } from '../../src/eval/metrics/grounded.ts';
import { COLOR_NAMES } from '../../src/data/colors.ts';
import { generateSplit } from '../../src/data/generate.ts';
import { heldOutIn } from '../../src/data/holdout.ts';
import type { CocoCaptions, SceneRecord } from '../../src/data/records.ts';
import { SPLIT_NAMES, type SplitName } from '../../src/data/splits.ts';
import { HELD_OUT_STYLES, TRAINING_STYLES } from '../../src/data/styles.ts';

const COUNT = 40;
const SIZE = 64;
const spritesDir = join(tmpdir(), 'scene-generator-test-sprites');

function generate(outDir: string, split: SplitName, seed = 3) {
  return generateSplit({ outDir, split, count: COUNT, size: SIZE, seed, spritesDir, workers: 1 });
}

function readSplit(outDir: string, split: SplitName) {
  const dir = join(outDir, split);
  const scenes = JSON.parse(readFileSync(join(dir, `scenes_${split}.json`), 'utf8')) as SceneRecord[];
  const coco = JSON.parse(readFileSync(join(dir, `captions_${split}.json`), 'utf8')) as CocoCaptions;
  return { dir, scenes, coco };
}

describe('generateSplit', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'scenes-'));

  beforeAll(async () => {
    for (const split of SPLIT_NAMES) await generate(outDir, split);
  });

  it('writes images, COCO captions and scene records that agree', () => {
    for (const split of SPLIT_NAMES) {
      const { dir, scenes, coco } = readSplit(outDir, split);
      expect(scenes).toHaveLength(COUNT);
      expect(coco.images).toHaveLength(COUNT);
      expect(coco.annotations).toHaveLength(COUNT * 5);
      expect(readdirSync(join(dir, 'images')).sort()).toEqual(coco.images.map((i) => i.file_name).sort());
      expect(readdirSync(dir)).toEqual(
        expect.arrayContaining([
          'contact-sheet.png',
          'meta.json',
          `scenes_${split}.json`,
          `captions_${split}.json`,
        ]),
      );
      for (const image of coco.images)
        expect(image.file_name).toBe(`${String(image.id).padStart(7, '0')}.png`);
      const classIds = new Set(OBJECT_CLASSES.map((c) => c.id));
      for (const scene of scenes) {
        for (const object of scene.objects) {
          expect(classIds.has(object.class)).toBe(true);
          expect(object.boxes).toHaveLength(object.count);
          for (const [x, y, w, h] of object.boxes) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(x + w).toBeLessThanOrEqual(SIZE);
            expect(y + h).toBeLessThanOrEqual(SIZE);
            expect(Math.min(w, h)).toBeGreaterThan(2);
          }
        }
      }
    }
  });

  it('keeps held-out pairs and colour combinations out of train and val, and puts one in every test-comp image', () => {
    for (const split of ['train', 'val', 'test-style'] as const) {
      for (const scene of readSplit(outDir, split).scenes) {
        expect(heldOutIn(scene.objects)).toEqual({ pairs: [], combos: [] });
      }
    }
    for (const scene of readSplit(outDir, 'test-comp').scenes) {
      const { pairs, combos } = heldOutIn(scene.objects);
      expect(pairs.length + combos.length).toBeGreaterThan(0);
    }
  });

  it('draws train and val only in training styles and test-style only in the held-out style', () => {
    for (const split of ['train', 'val', 'test-comp'] as const) {
      for (const scene of readSplit(outDir, split).scenes) expect(TRAINING_STYLES).toContain(scene.style);
    }
    for (const scene of readSplit(outDir, 'test-style').scenes)
      expect(HELD_OUT_STYLES).toContain(scene.style);
  });

  it('gives every image a unique id across splits', () => {
    const ids = SPLIT_NAMES.flatMap((split) => readSplit(outDir, split).coco.images.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names colours in captions only for recoloured objects and plain backgrounds', () => {
    const colorWord = new RegExp(`\\b(${COLOR_NAMES.join('|')})\\b`, 'g');
    const names = OBJECT_CLASSES.flatMap((c) => [c.plural, c.name]).sort((a, b) => b.length - a.length);
    for (const split of SPLIT_NAMES) {
      const { scenes, coco } = readSplit(outDir, split);
      const byId = new Map(scenes.map((s) => [s.image_id, s]));
      for (const { image_id, caption } of coco.annotations) {
        const scene = byId.get(image_id);
        if (scene === undefined) throw new Error(`caption for unknown image ${image_id}`);
        const allowed = new Set(scene.objects.map((o) => o.color));
        const plain = /^plain-(.+)$/.exec(scene.background)?.[1];
        if (plain !== undefined && caption.includes('background'))
          allowed.add(plain as (typeof COLOR_NAMES)[number]);
        // Drop class names first: "an orange" is a fruit, not a colour.
        let words = ` ${caption.replaceAll(',', ' ')} `;
        for (const object of scene.objects) {
          const objectClass = OBJECT_CLASSES.find((c) => c.id === object.class);
          for (const name of names.filter((n) => n === objectClass?.name || n === objectClass?.plural)) {
            words = words.replaceAll(` ${name} `, ' ');
          }
        }
        for (const [word] of words.matchAll(colorWord)) expect(allowed, caption).toContain(word);
      }
    }
  });

  it('writes reference captions the grounded metrics read as exactly their scenes', () => {
    const classes: readonly ObjectClassEntry[] = OBJECT_CLASSES;
    for (const split of SPLIT_NAMES) {
      const { scenes, coco } = readSplit(outDir, split);
      for (const nth of [0, 4]) {
        const captions = new Map(coco.images.map((image) => [image.id, '']));
        for (const [i, a] of coco.annotations.entries())
          if (i % 5 === nth) captions.set(a.image_id, a.caption);
        const scores = scoreGrounded(captions, new Map(scenes.map((s) => [s.image_id, s])), classes);
        expect({ split, nth, chairI: scores.chairI, counts: scores.countAccuracy }).toEqual({
          split,
          nth,
          chairI: 0,
          counts: 1,
        });
      }
    }
  });

  it('reproduces identical bytes from the same seed, and different images from another seed', async () => {
    const again = mkdtempSync(join(tmpdir(), 'scenes-'));
    await generate(again, 'train');
    const files = readdirSync(join(outDir, 'train', 'images'));
    for (const file of files) {
      const a = readFileSync(join(outDir, 'train', 'images', file));
      expect(readFileSync(join(again, 'train', 'images', file)).equals(a)).toBe(true);
    }
    for (const file of ['captions_train.json', 'scenes_train.json', 'meta.json']) {
      expect(readFileSync(join(again, 'train', file), 'utf8')).toBe(
        readFileSync(join(outDir, 'train', file), 'utf8'),
      );
    }
    const other = mkdtempSync(join(tmpdir(), 'scenes-'));
    await generate(other, 'train', 4);
    const [first] = files;
    if (first === undefined) throw new Error('no images generated');
    expect(
      readFileSync(join(other, 'train', 'images', first)).equals(
        readFileSync(join(outDir, 'train', 'images', first)),
      ),
    ).toBe(false);
  });

  it('writes the same bytes from worker threads as from the main thread', async () => {
    const threaded = mkdtempSync(join(tmpdir(), 'scenes-'));
    await generateSplit({
      outDir: threaded,
      split: 'val',
      count: COUNT,
      size: SIZE,
      seed: 3,
      spritesDir,
      workers: 2,
    });
    for (const file of ['captions_val.json', 'scenes_val.json']) {
      expect(readFileSync(join(threaded, 'val', file), 'utf8')).toBe(
        readFileSync(join(outDir, 'val', file), 'utf8'),
      );
    }
    for (const file of readdirSync(join(outDir, 'val', 'images'))) {
      const expected = readFileSync(join(outDir, 'val', 'images', file));
      expect(readFileSync(join(threaded, 'val', 'images', file)).equals(expected)).toBe(true);
    }
  });

  it('skips a split that exists with the same parameters', async () => {
    expect((await generate(outDir, 'val')).skipped).toBe(true);
  });
});
