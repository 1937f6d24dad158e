import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreCaptions } from '../../src/eval/metrics/score-captions.ts';

const CLI = fileURLToPath(new URL('../../src/eval/score-cli.ts', import.meta.url));

function files(contents: Record<string, unknown>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'eval-score-'));
  return Object.fromEntries(
    Object.entries(contents).map(([name, json]) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, JSON.stringify(json));
      return [name, path];
    }),
  );
}

function runCli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
}

const references = {
  images: [{ id: 1 }, { id: 2 }, { id: 3 }],
  annotations: [
    { id: 1, image_id: 1, caption: 'A dog runs on the grass.' },
    { id: 2, image_id: 1, caption: 'A brown dog running outside.' },
    { id: 3, image_id: 2, caption: 'Two cats sit on a sofa.' },
    { id: 4, image_id: 3, caption: 'An image that has no result.' },
  ],
};
const results = [
  { image_id: 1, caption: 'a dog running on grass' },
  { image_id: 2, caption: 'two cats on a sofa' },
];

describe('eval:score', () => {
  it('prints the COCO metrics of the result images under the reference key names', () => {
    const paths = files({ references, results });
    const run = runCli('--refs', paths.references ?? '', '--results', paths.results ?? '');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected = scoreCaptions(
      new Map([
        [1, ['A dog runs on the grass.', 'A brown dog running outside.']],
        [2, ['Two cats sit on a sofa.']],
      ]),
      new Map([
        [1, 'a dog running on grass'],
        [2, 'two cats on a sofa'],
      ]),
    );
    expect(JSON.parse(run.stdout)).toEqual(expected);
    expect(Object.keys(expected)).toEqual(['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'ROUGE_L', 'CIDEr']);
  });

  it('adds grounded metrics when given scenes and classes', () => {
    const paths = files({
      references,
      results,
      scenes: [
        {
          image_id: 1,
          style: 'x',
          background: 'y',
          objects: [{ class: 'dog', count: 1, color: null, boxes: [] }],
        },
        {
          image_id: 2,
          style: 'x',
          background: 'y',
          objects: [{ class: 'cat', count: 1, color: null, boxes: [] }],
        },
      ],
      classes: [
        { id: 'dog', name: 'dog', plural: 'dogs', synonyms: [], category: 'animal' },
        { id: 'cat', name: 'cat', plural: 'cats', synonyms: [], category: 'animal' },
      ],
    });
    const run = runCli(
      ...['--refs', paths.references ?? '', '--results', paths.results ?? ''],
      ...['--scenes', paths.scenes ?? '', '--classes', paths.classes ?? ''],
    );
    expect(run.status).toBe(0);
    const { grounded } = JSON.parse(run.stdout);
    // "a dog" is right; "two cats" names the cat with the wrong count.
    expect(grounded).toMatchObject({ objectRecall: 1, chairI: 0, chairS: 0, countAccuracy: 0.5 });
  });

  it('fails clearly when a result image has no references', () => {
    const paths = files({ references, results: [...results, { image_id: 9, caption: 'a cat' }] });
    const run = runCli('--refs', paths.references ?? '', '--results', paths.results ?? '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1 result image(s) have no reference captions');
    expect(run.stderr).toContain(': 9');
  });

  it('names the file and field of a malformed input', () => {
    const paths = files({ references, results: [{ image_id: '1', caption: 'a dog' }] });
    const run = runCli('--refs', paths.references ?? '', '--results', paths.results ?? '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(paths.results);
    expect(run.stderr).toContain('image_id');
  });
});
