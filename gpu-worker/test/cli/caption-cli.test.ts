import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel, randomImage } from '../tiny-model.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let modelDir = '';
let images: string[] = [];

beforeAll(async () => {
  modelDir = exportTinyModel();
  const dir = mkdtempSync(join(tmpdir(), 'caption-cli-'));
  // Different formats and sizes: the CLI decodes and resizes each to the model's 32x32 input.
  images = await Promise.all(
    [
      ['a.png', 32],
      ['b.jpg', 80],
      ['c.webp', 50],
    ].map(async ([name, size], i) => {
      const { width, height, data } = randomImage(i + 1, Number(size));
      const path = join(dir, String(name));
      await sharp(data, { raw: { width, height, channels: 3 } }).toFile(path);
      return path;
    }),
  );
});

async function caption(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run('npx', ['tsx', 'gpu-worker/src/cli/caption.ts', '--model', modelDir, ...args], {
    cwd: repoRoot,
  });
}

describe('caption CLI', () => {
  it('prints one JSON array in input order with caption, confidence and timings', async () => {
    const { stdout } = await caption('--json', ...images);
    const results = JSON.parse(stdout) as {
      file: string;
      caption: string;
      confidence: number;
      tokens: number;
    }[];
    expect(results.map((r) => r.file)).toEqual(images);
    for (const r of results) {
      expect(typeof r.caption).toBe('string');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('gives an n-best list with beam search, the best first', async () => {
    const { stdout } = await caption('--json', '--beams', '3', images[0] ?? '');
    const [result] = JSON.parse(stdout) as {
      caption: string;
      alternatives: { caption: string; score: number }[];
    }[];
    expect(result?.alternatives).toHaveLength(3);
    expect(result?.alternatives[0]?.caption).toBe(result?.caption);
    const scores = result?.alternatives.map((a) => a.score) ?? [];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('prints file and caption per line in text mode', async () => {
    const { stdout } = await caption(...images);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(images);
  });

  it('fails with a message naming what is missing for a directory that is not a model', async () => {
    const error = await caption('--json', '--model', tmpdir(), images[0] ?? '').catch(
      (e: { stderr: string }) => e,
    );
    expect((error as { stderr: string }).stderr).toMatch(
      /is not a vision-encoder-decoder ONNX model directory: missing config\.json/,
    );
  });
});
