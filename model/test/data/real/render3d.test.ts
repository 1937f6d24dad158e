// Rendering Sweet Home 3D models as cut-outs: a real model from Debian's sweethome3d-furniture, rendered in
// Debian's Chromium, checked the way training would notice a bad view (no object, a clipped object, an opaque
// background, the same view twice, different bytes for the same seed).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderBrowser } from '../../../src/data/real/render3d/render-browser.ts';
import { renderJobs, safeInstanceId } from '../../../src/data/real/render3d/render-jobs.ts';
import { RenderPage } from '../../../src/data/real/render3d/render-page.ts';
import {
  type RenderJob,
  type RenderedView,
  renderViews,
} from '../../../src/data/real/render3d/render-views.ts';
import { sampleView } from '../../../src/data/real/render3d/view-sampling.ts';
import type { SourceInstance } from '../../../src/data/real/source-instance.ts';
import { readSweetHome3d } from '../../../src/data/real/sources/sweethome3d.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// An outdoor chair: textured, and its catalogue entry carries a modelRotation (a quarter turn that faces it front).
const INSTANCE_ID = 'sweethome3d:Scopia#ext_chair';
const SEED = 7;

interface Alpha {
  width: number;
  height: number;
  channels: number;
  alpha: (x: number, y: number) => number;
}

async function readAlpha(path: string): Promise<Alpha> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const alpha = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3] ?? 0;
  return { width: info.width, height: info.height, channels: info.channels, alpha };
}

describe('view sampling', () => {
  it('draws the same view for the same (instance, view, seed) and another for another view', () => {
    expect(sampleView('sweethome3d:a', 3, 1)).toEqual(sampleView('sweethome3d:a', 3, 1));
    expect(sampleView('sweethome3d:a', 4, 1)).not.toEqual(sampleView('sweethome3d:a', 3, 1));
    expect(sampleView('sweethome3d:a', 3, 2)).not.toEqual(sampleView('sweethome3d:a', 3, 1));
  });

  it('keeps views within the ranges asked for', () => {
    for (let view = 0; view < 200; view++) {
      const spec = sampleView('sweethome3d:a', view, 1);
      expect(spec.azimuthDeg).toBeGreaterThanOrEqual(0);
      expect(spec.azimuthDeg).toBeLessThan(360);
      expect(spec.elevationDeg).toBeGreaterThanOrEqual(-5);
      expect(spec.elevationDeg).toBeLessThanOrEqual(45);
      expect(spec.fill).toBeGreaterThanOrEqual(0.5);
      expect(spec.fill).toBeLessThanOrEqual(0.95);
      // The object's box stays inside the frame wherever it is shifted to.
      expect(Math.abs(spec.centreX) + spec.fill).toBeLessThan(1);
      expect(Math.abs(spec.centreY) + spec.fill).toBeLessThan(1);
      expect(spec.lights.length).toBeGreaterThanOrEqual(1);
      expect(spec.lights.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('render jobs', () => {
  it('gives every catalogue model its own folder named after its id', () => {
    expect(safeInstanceId('sweethome3d:Blend Swap CC-0#bookcase')).toBe(
      'sweethome3d_Blend_Swap_CC-0_bookcase',
    );
    const instance: SourceInstance = {
      id: 'sweethome3d:a b',
      source: 'sweethome3d',
      kind: 'render',
      name: 'Chair',
      keywords: [],
      licence: 'CC0-1.0',
      author: '',
      origin: '',
      file: '/icons/a.png',
      cutout: true,
      model: '/models/a.obj',
    };
    const [job] = renderJobs(
      [instance, { ...instance, id: 'sweethome3d:photo', model: undefined }],
      '/out',
      12,
      1,
    );
    expect(job).toEqual({
      instanceId: 'sweethome3d:a b',
      objPath: '/models/a.obj',
      outDir: '/out/sweethome3d_a_b',
      views: 12,
      seed: 1,
    });
    expect(() => renderJobs([instance, { ...instance, id: 'sweethome3d:a_b' }], '/out', 12, 1)).toThrow(
      /both render/,
    );
  });
});

describe('renderViews on a real model', () => {
  let work: string;
  let job: RenderJob;
  let first: string[];

  beforeAll(async () => {
    const instance = readSweetHome3d(join(REPO_ROOT, 'data/sources')).find((item) => item.id === INSTANCE_ID);
    if (!instance) throw new Error(`${INSTANCE_ID} is not in the Sweet Home 3D catalogue`);
    expect(instance.modelRotation).toHaveLength(9);
    work = mkdtempSync(join(tmpdir(), 'render3d-test-'));
    const [firstJob] = renderJobs([instance], join(work, 'first'), 3, SEED);
    if (!firstJob) throw new Error(`${INSTANCE_ID} has no model`);
    job = firstJob;
    const [result] = await renderViews([job]);
    expect(result?.error).toBeUndefined();
    first = result?.paths ?? [];
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes <outDir>/<view>.png for every view', () => {
    expect(first).toEqual([0, 1, 2].map((view) => join(job.outDir, `${view}.png`)));
  });

  it('renders 192x192 RGBA cut-outs: transparent border, object filling the frame as the view asked', async () => {
    for (const [view, path] of first.entries()) {
      const image = await readAlpha(path);
      expect([image.width, image.height, image.channels]).toEqual([192, 192, 4]);
      let covered = 0;
      let [left, right, top, bottom] = [image.width, -1, image.height, -1];
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          if (image.alpha(x, y) === 0) continue;
          covered += 1;
          [left, right, top, bottom] = [
            Math.min(left, x),
            Math.max(right, x),
            Math.min(top, y),
            Math.max(bottom, y),
          ];
        }
      }
      expect(left).toBeGreaterThan(0);
      expect(top).toBeGreaterThan(0);
      expect(right).toBeLessThan(image.width - 1);
      expect(bottom).toBeLessThan(image.height - 1);
      const coverage = covered / (image.width * image.height);
      expect(coverage).toBeGreaterThan(0.05);
      expect(coverage).toBeLessThan(0.95);
      const filled = Math.max(right - left + 1, bottom - top + 1) / image.width;
      expect(filled).toBeCloseTo(sampleView(job.instanceId, view, SEED).fill, 1);
    }
  });

  it('renders different views of the object', () => {
    const [a, b, c] = first.map((path) => readFileSync(path));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(false);
    expect(b?.equals(c ?? Buffer.alloc(0))).toBe(false);
    expect(a?.equals(c ?? Buffer.alloc(0))).toBe(false);
  });

  it('renders byte-identical views for the same seed in a new browser', async () => {
    const [again] = await renderViews([{ ...job, outDir: join(work, 'again') }]);
    expect(again?.paths).toHaveLength(3);
    for (const [view, path] of (again?.paths ?? []).entries()) {
      expect(readFileSync(path).equals(readFileSync(first[view] ?? ''))).toBe(true);
    }
  });

  it('keeps views already on disk instead of rendering them again', async () => {
    const before = first.map((path) => statSync(path).mtimeMs);
    const seen: RenderedView[] = [];
    const [result] = await renderViews([job], (view) => seen.push(view));
    expect(result?.paths).toEqual(first);
    expect(seen.map((view) => view.cached)).toEqual([true, true, true]);
    expect(first.map((path) => statSync(path).mtimeMs)).toEqual(before);
  });
});

// A unit cube's eight corners and six faces, as an exporter writes them.
const CUBE = [
  'v 0 0 0',
  'v 1 0 0',
  'v 1 1 0',
  'v 0 1 0',
  'v 0 0 1',
  'v 1 0 1',
  'v 1 1 1',
  'v 0 1 1',
  'f 1 4 3 2',
  'f 5 6 7 8',
  'f 1 2 6 5',
  'f 2 3 7 6',
  'f 3 4 8 7',
  'f 4 1 5 8',
].join('\n');

describe('renderViews on hand-written models', () => {
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'render3d-obj-'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function writeModel(name: string, obj: string): RenderJob {
    mkdirSync(join(work, name));
    writeFileSync(join(work, name, `${name}.obj`), `${obj}\n`);
    return {
      instanceId: `test:${name}`,
      objPath: join(work, name, `${name}.obj`),
      outDir: join(work, 'out', name),
      views: 1,
      seed: 1,
    };
  }

  it('draws the surfaces of an object that also holds a line, and refuses a model with no faces', async () => {
    // One stray `l` once made OBJLoader turn a whole object into lines, and the piano bench rendered empty.
    const withLine = writeModel('cube-with-line', `${CUBE}\nl 1 7`);
    const linesOnly = writeModel('lines-only', 'v 0 0 0\nv 1 1 1\nl 1 2');
    const [cube, lines] = await renderViews([withLine, linesOnly]);
    expect(cube?.error).toBeUndefined();
    const image = await readAlpha(cube?.paths[0] ?? '');
    expect(image.alpha(96, 96)).toBe(255);
    expect(lines?.error).toMatch(/has no faces/);
    expect(lines?.paths).toEqual([]);
  });
});

describe('a hung browser', () => {
  it('is noticed when a page does not close, and killed', async () => {
    const renderBrowser = await RenderBrowser.launch();
    const page = await RenderPage.open(renderBrowser.browser);
    // A stopped browser answers nothing, as when every Chromium process here sat in state T and a run stalled.
    process.kill(renderBrowser.pid ?? 0, 'SIGSTOP');
    expect(await page.close()).toBe(false);
    await renderBrowser.kill();
    expect(renderBrowser.connected).toBe(false);
  });
});
