import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RgbImage } from '@captioner/shared';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Exports the tiny randomly initialised captioner of the parity test (32-px images, ~24 words) and returns its
 * model directory: a real export through the same code path as the shipped model, small enough for unit tests.
 */
export function exportTinyModel(): string {
  const out = mkdtempSync(join(tmpdir(), 'tiny-model-'));
  execFileSync('bash', ['scripts/python.sh', 'gpu-worker/test/parity/make_reference.py', out], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(out, 'model');
}

/** A seeded noise image with a colour ramp, so different seeds give clearly different captions. */
export function randomImage(seed: number, size = 32): RgbImage {
  let s = (seed * 2654435761) >>> 0 || 1;
  const data = new Uint8Array(size * size * 3);
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const ramp = ((i / 3) % size) * (255 / size);
    data[i] = (ramp * ((seed + (i % 3)) % 3) + ((s >>> 0) % 96)) & 255;
  }
  return { width: size, height: size, data };
}

/** The tiny model rewritten to the plain Optimum layout: no attention_mask input, no cross_attentions outputs. */
export function exportTinyPlainModel(): string {
  const dir = exportTinyModel();
  execFileSync('bash', ['scripts/python.sh', '-m', 'captioner.plain_layout', dir], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}
