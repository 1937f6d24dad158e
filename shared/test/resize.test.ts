import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resizeBilinear } from '../src/image/resize.ts';
import { flattenRgba } from '../src/image/rgb-image.ts';

// Pillow is the reference: training pixels come from PIL's BILINEAR, so serving must give the same bytes.
const PIL_RESIZE = `
import sys, numpy as np
from PIL import Image
w, h, ow, oh = map(int, sys.argv[2:6])
a = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(h, w, 3)
Image.fromarray(a, 'RGB').resize((ow, oh), Image.BILINEAR).save(sys.argv[6] + '.png')
np.asarray(Image.open(sys.argv[6] + '.png')).tofile(sys.argv[6])
`;

function pillowResize(data: Uint8Array, w: number, h: number, ow: number, oh: number): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'resize-'));
  writeFileSync(join(dir, 'in.raw'), data);
  const run = spawnSync(
    '/usr/bin/python3',
    ['-c', PIL_RESIZE, join(dir, 'in.raw'), `${w}`, `${h}`, `${ow}`, `${oh}`, join(dir, 'out.raw')],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return new Uint8Array(readFileSync(join(dir, 'out.raw')));
}

function noiseImage(w: number, h: number, seed: number): Uint8Array {
  // Smooth gradient plus xorshift noise: exercises both flat regions and edges.
  const out = new Uint8Array(w * h * 3);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((i % (w * 3)) * 7 + ((s >>> 0) % 64)) & 255;
  }
  return out;
}

describe('resizeBilinear', () => {
  const cases: [number, number, number, number][] = [
    [640, 480, 128, 128],
    [97, 311, 128, 128],
    [128, 128, 224, 224],
    [3000, 20, 128, 128],
    [1, 1, 128, 128],
    [128, 128, 64, 96],
  ];
  for (const [w, h, ow, oh] of cases) {
    it(`matches Pillow byte for byte: ${w}x${h} -> ${ow}x${oh}`, () => {
      const data = noiseImage(w, h, w * 31 + h);
      const ours = resizeBilinear({ width: w, height: h, data }, ow, oh);
      expect(ours.width).toBe(ow);
      expect(ours.height).toBe(oh);
      expect(Buffer.from(ours.data).equals(Buffer.from(pillowResize(data, w, h, ow, oh)))).toBe(true);
    });
  }

  it('returns a copy when the size already matches', () => {
    const data = noiseImage(8, 8, 3);
    const out = resizeBilinear({ width: 8, height: 8, data }, 8, 8);
    expect(out.data).toEqual(data);
    expect(out.data).not.toBe(data);
  });

  it('refuses a buffer that does not match its dimensions', () => {
    expect(() => resizeBilinear({ width: 4, height: 4, data: new Uint8Array(10) }, 2, 2)).toThrow(
      /needs 48 bytes/,
    );
  });
});

describe('flattenRgba', () => {
  it('composites transparent pixels over white and keeps opaque ones', () => {
    const rgba = new Uint8Array([10, 20, 30, 255, 0, 0, 0, 0, 200, 100, 0, 128]);
    expect([...flattenRgba(3, 1, rgba).data]).toEqual([10, 20, 30, 255, 255, 255, 227, 177, 127]);
  });
});
