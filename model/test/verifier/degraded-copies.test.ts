// Degraded copies of a scene split: same scenes and ids, different pixels, the same every run.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { splitFiles } from '../../src/eval/split-files.ts';
import { writeDegradedCopies } from '../../src/verifier/degraded-copies.ts';

async function sourceSplit(): Promise<string> {
  const data = mkdtempSync(join(tmpdir(), 'degraded-'));
  const dir = join(data, 'val');
  mkdirSync(join(dir, 'images'), { recursive: true });
  const images = [];
  for (let i = 0; i < 5; i++) {
    const id = 2_000_000 + i;
    const pixels = Buffer.alloc(64 * 64 * 3, 40 + 40 * i);
    for (let p = 0; p < 64 * 20 * 3; p++) pixels[p] = 250;
    await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } })
      .png()
      .toFile(join(dir, 'images', `${id}.png`));
    images.push({ id, file_name: `${id}.png`, width: 64, height: 64 });
  }
  writeFileSync(
    join(dir, 'captions_val.json'),
    JSON.stringify({
      images,
      annotations: images.map((im) => ({ id: im.id, image_id: im.id, caption: 'a dog' })),
    }),
  );
  writeFileSync(
    join(dir, 'scenes_val.json'),
    JSON.stringify(images.map((im) => ({ image_id: im.id, objects: [{ class: 'dog', count: 1 }] }))),
  );
  return data;
}

describe('writeDegradedCopies', () => {
  it('copies the first N scenes unchanged and changes every image, reproducibly', async () => {
    const data = await sourceSplit();
    const source = splitFiles(data, 'val');
    const out = join(data, 'out');
    expect(await writeDegradedCopies(source, out, 4, 1)).toBe(4);
    const dir = join(out, 'val-degraded');
    const scenes = JSON.parse(readFileSync(join(dir, 'scenes_val-degraded.json'), 'utf8')) as {
      image_id: number;
    }[];
    expect(scenes.map((s) => s.image_id)).toEqual([2_000_000, 2_000_001, 2_000_002, 2_000_003]);
    expect(scenes[0]).toEqual({ image_id: 2_000_000, objects: [{ class: 'dog', count: 1 }] });
    const captions = JSON.parse(readFileSync(join(dir, 'captions_val-degraded.json'), 'utf8')) as {
      images: unknown[];
      annotations: unknown[];
    };
    expect(captions.images).toHaveLength(4);
    expect(captions.annotations).toHaveLength(4);
    const pixels = async (path: string) => (await sharp(path).removeAlpha().raw().toBuffer()).toString('hex');
    const first = [];
    for (const s of scenes) {
      const copy = await pixels(join(dir, 'images', `${s.image_id}.png`));
      expect(copy).not.toBe(await pixels(join(source.imagesDir, `${s.image_id}.png`)));
      first.push(copy);
    }
    await writeDegradedCopies(source, out, 4, 1);
    for (const [i, s] of scenes.entries())
      expect(await pixels(join(dir, 'images', `${s.image_id}.png`))).toBe(first[i]);
  });
});
