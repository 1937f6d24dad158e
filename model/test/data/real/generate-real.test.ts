import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../../src/data/classes.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
// The Debian packages and rasterised pictures are cached where `npm run data` keeps them, so CI fetches them once.
const sources = join(repoRoot, 'data', 'sources');
let out = '';

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'real-data-')), 'world');
  const args = ['--out', out, '--splits', 'test-real,test-clipart', '--count', '12', '--sources', sources];
  await run('npx', ['tsx', 'model/src/data/cli.ts', ...args], { cwd: repoRoot, maxBuffer: 1 << 24 });
}, 900_000);

describe('npm run data: real-world splits', () => {
  it('writes both test splits with images, captions, scene records and a contact sheet', async () => {
    for (const split of ['test-real', 'test-clipart']) {
      const dir = join(out, split);
      for (const file of [
        `captions_${split}.json`,
        `scenes_${split}.json`,
        'contact-sheet.png',
        'meta.json',
      ]) {
        expect(existsSync(join(dir, file)), `${split}/${file}`).toBe(true);
      }
      const coco = JSON.parse(readFileSync(join(dir, `captions_${split}.json`), 'utf8'));
      expect(coco.images).toHaveLength(12);
      expect(coco.annotations).toHaveLength(60);
      const first = await sharp(join(dir, 'images', coco.images[0].file_name)).metadata();
      expect([first.width, first.height]).toEqual([128, 128]);
    }
  });

  it('draws test splits from held-out instances only, of classes the folder lists, in the right domain', () => {
    const classes = JSON.parse(readFileSync(join(out, 'classes.json'), 'utf8')) as { id: string }[];
    expect(classes.slice(0, OBJECT_CLASSES.length).map((c) => c.id)).toEqual(OBJECT_CLASSES.map((c) => c.id));
    expect(classes.length).toBeGreaterThan(OBJECT_CLASSES.length + 50);
    const known = new Set(classes.map((c) => c.id));
    const catalogue = JSON.parse(readFileSync(join(sources, 'catalogue.json'), 'utf8')) as {
      instances: { id: string; kind: string }[];
    };
    const kindOf = new Map(catalogue.instances.map((i) => [i.id, i.kind]));
    for (const [split, kinds] of [
      ['test-real', ['photo', 'render']],
      ['test-clipart', ['drawn']],
    ] as const) {
      const scenes = JSON.parse(readFileSync(join(out, split, `scenes_${split}.json`), 'utf8')) as {
        objects: { class: string }[];
        instances: string[];
      }[];
      for (const scene of scenes) {
        for (const o of scene.objects) expect(known.has(o.class), o.class).toBe(true);
        for (const id of scene.instances) expect(kinds as readonly string[]).toContain(kindOf.get(id));
      }
    }
  });

  it('generates the attribution from the catalogue', () => {
    const attribution = readFileSync(join(out, 'ATTRIBUTION.md'), 'utf8');
    expect(attribution).toContain('## Real-world pictures');
    expect(attribution).toMatch(/\| sweethome3d \| CC-BY-3.0 \| \d+ \|/);
    expect(attribution).toMatch(/\| openclipart \| LicenseRef-PublicDomain \| \d+ \|/);
  });
});
