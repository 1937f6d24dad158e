/**
 * BLEU, ROUGE-L and CIDEr-D against the reference implementation itself: the pycocoevalcap scorers vendored
 * unmodified in tests/fixtures/pycocoevalcap, run with Debian's python3 + numpy on the same pre-tokenised
 * corpora. Every corpus score and every per-image ROUGE-L / CIDEr-D score must agree to 1e-9.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusBleu } from '../../src/eval/metrics/bleu.ts';
import { corpusCider } from '../../src/eval/metrics/cider.ts';
import type { TokenizedImage } from '../../src/eval/metrics/corpus.ts';
import { corpusRougeL } from '../../src/eval/metrics/rouge.ts';
import { randomCorpora } from './random-corpora.ts';

const PYTHON = '/usr/bin/python3';
const DRIVER = fileURLToPath(
  new URL('../../../tests/fixtures/pycocoevalcap/score_tokenized.py', import.meta.url),
);
const TOLERANCE = 1e-9;
const SCALAR_KEYS = ['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'ROUGE_L', 'CIDEr'] as const;

type ReferenceScores = Record<(typeof SCALAR_KEYS)[number], number> & {
  ROUGE_L_per_image: number[];
  CIDEr_per_image: number[];
};

function runReference(corpora: readonly (readonly TokenizedImage[])[]): ReferenceScores[] {
  const input = join(mkdtempSync(join(tmpdir(), 'coco-parity-')), 'corpora.json');
  const asJson = corpora.map((images) =>
    images.map((image) => ({
      image_id: image.imageId,
      references: image.references,
      candidate: image.candidate,
    })),
  );
  writeFileSync(input, JSON.stringify(asJson));
  const run = spawnSync(PYTHON, [DRIVER, input], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(
      `reference scorer failed (needs ${PYTHON} with numpy: npm run setup:python): ${run.stderr}`,
    );
  }
  return JSON.parse(run.stdout) as ReferenceScores[];
}

describe('COCO metrics match pycocoevalcap', () => {
  const corpora = randomCorpora(20260426);

  it('generates a varied test set', () => {
    const images = corpora.flat();
    expect(images.length).toBeGreaterThanOrEqual(300);
    expect(images.some((image) => image.candidate === '')).toBe(true);
    expect(images.some((image) => image.references.length === 5)).toBe(true);
    expect(corpora.some((images) => images.length === 1)).toBe(true);
  });

  it('agrees on every corpus score and per-image score to 1e-9', () => {
    const reference = runReference(corpora);
    expect(reference).toHaveLength(corpora.length);
    let maxDifference = 0;
    const disagreements: string[] = [];
    const compare = (what: string, ours: number, theirs: number | undefined) => {
      const difference = Math.abs(ours - (theirs ?? Number.NaN));
      if (!(difference <= TOLERANCE)) disagreements.push(`${what}: ours ${ours}, reference ${theirs}`);
      else maxDifference = Math.max(maxDifference, difference);
    };
    corpora.forEach((images, c) => {
      const expected = reference[c];
      if (expected === undefined) throw new Error(`no reference scores for corpus ${c}`);
      const rouge = corpusRougeL(images);
      const cider = corpusCider(images);
      const ours = { ...corpusBleu(images), ROUGE_L: rouge.ROUGE_L, CIDEr: cider.CIDEr };
      for (const key of SCALAR_KEYS) compare(`corpus ${c} ${key}`, ours[key], expected[key]);
      for (const [i, score] of rouge.perImage.entries()) {
        compare(`corpus ${c} image ${i} ROUGE_L`, score, expected.ROUGE_L_per_image[i]);
      }
      for (const [i, score] of cider.perImage.entries()) {
        compare(`corpus ${c} image ${i} CIDEr`, score, expected.CIDEr_per_image[i]);
      }
    });
    console.log(
      `reference parity: ${corpora.flat().length} images in ${corpora.length} corpora, max |diff| ${maxDifference}`,
    );
    expect(disagreements).toEqual([]);
  });
});
