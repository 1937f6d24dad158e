import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let modelDir = '';
let dataDir = '';

beforeAll(async () => {
  modelDir = exportTinyModel();
  dataDir = join(mkdtempSync(join(tmpdir(), 'eval-cli-')), 'scenes');
  // A small train split for the baseline; eval generates the val split it needs by itself.
  await run(
    'npx',
    [
      'tsx',
      'model/src/data/cli.ts',
      '--out',
      dataDir,
      '--splits',
      'train',
      '--count',
      '60',
      '--workers',
      '1',
    ],
    {
      cwd: repoRoot,
    },
  );
});

describe('npm run eval', () => {
  it('generates a missing split, captions it and prints COCO and grounded metrics with the baseline', async () => {
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'model/src/eval/cli.ts',
        '--split',
        'val',
        '--count',
        '12',
        '--model',
        modelDir,
        '--data',
        dataDir,
        '--baseline',
        '--json',
      ],
      { cwd: repoRoot, maxBuffer: 1 << 24 },
    );
    const report = JSON.parse(stdout) as Record<string, unknown> & { baseline: Record<string, unknown> };
    expect(report.images).toBe(12);
    expect(report.split).toBe('val');
    for (const key of ['Bleu_1', 'Bleu_4', 'ROUGE_L', 'CIDEr', 'objectRecall']) {
      expect(typeof report[key], key).toBe('number');
      expect(typeof report.baseline[key], `baseline ${key}`).toBe('number');
    }
    // CHAIR is undefined (null) when a caption set names no object at all, as a random model's may.
    for (const key of ['chairI', 'chairS', 'countAccuracy']) expect(key in report, key).toBe(true);
    expect(typeof report.baseline.caption).toBe('string');
    // The baseline's caption names at most one or two classes, so it cannot recall every object of 12 scenes.
    expect(report.baseline.objectRecall as number).toBeLessThan(0.5);
  });

  it('works from a fresh clone: an empty data folder gets the split and its classes.json', async () => {
    const emptyData = join(mkdtempSync(join(tmpdir(), 'eval-cli-fresh-')), 'scenes');
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'model/src/eval/cli.ts',
        '--split',
        'test-style',
        '--count',
        '5',
        '--model',
        modelDir,
        '--data',
        emptyData,
        '--json',
      ],
      { cwd: repoRoot, maxBuffer: 1 << 24 },
    );
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report.split).toBe('test-style');
    expect(report.images).toBe(5);
    expect(existsSync(join(emptyData, 'classes.json'))).toBe(true);
  });

  it('refuses a split the generator does not know and that is not on disk', async () => {
    const error = await run(
      'npx',
      ['tsx', 'model/src/eval/cli.ts', '--split', 'nope', '--model', modelDir, '--data', dataDir],
      {
        cwd: repoRoot,
      },
    ).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/split "nope" not found/);
  });
});
