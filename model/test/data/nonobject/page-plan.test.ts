/**
 * Page plans without a browser, over many pages: which designs each split draws, its ids, and that the
 * splits' seed streams differ.
 */
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../src/data/nonobject/families.ts';
import { type PagePlan, planPage } from '../../../src/data/nonobject/page-plan.ts';
import {
  isTestOnlyLayout,
  TEST_ONLY_LAYOUTS,
  TEST_ONLY_THEMES,
} from '../../../src/data/nonobject/reserved.ts';
import {
  MAX_NONOBJECT_IMAGES,
  NONOBJECT_SPLIT_NAMES,
  NONOBJECT_SPLITS,
  type NonObjectSplitName,
  nonObjectSplitSeed,
} from '../../../src/data/nonobject/splits.ts';
import { MAX_IMAGES_PER_SPLIT, SPLITS } from '../../../src/data/splits.ts';

const PAGES = 1500;

function plans(split: NonObjectSplitName, seed = 1, count = PAGES): PagePlan[] {
  const seedValue = nonObjectSplitSeed(seed, split);
  return Array.from({ length: count }, (_, i) => planPage(NONOBJECT_SPLITS[split], seedValue, i));
}

const bySplit = new Map(NONOBJECT_SPLIT_NAMES.map((split) => [split, plans(split)]));
const get = (split: NonObjectSplitName) => bySplit.get(split) ?? [];

describe('planPage', () => {
  it('never gives train or val a test-only layout or theme', () => {
    for (const split of ['train-nonobject', 'val-nonobject'] as const) {
      const leaks = get(split).filter(
        (p) => p.testOnly || isTestOnlyLayout(p.kind, p.layout) || TEST_ONLY_THEMES.includes(p.theme),
      );
      expect(leaks.map((p) => `${p.kind}/${p.layout} ${p.theme}`)).toEqual([]);
    }
  });

  it('gives test about 40 % test-only pages, using every reserved layout and theme', () => {
    const test = get('test-nonobject');
    const share = test.filter((p) => p.testOnly).length / test.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    const layouts = new Set(test.map((p) => `${p.kind}/${p.layout}`));
    for (const layout of TEST_ONLY_LAYOUTS) expect(layouts).toContain(layout);
    const themes = new Set(test.map((p) => p.theme));
    for (const theme of TEST_ONLY_THEMES) expect(themes).toContain(theme);
    for (const p of test)
      expect(p.testOnly).toBe(isTestOnlyLayout(p.kind, p.layout) || TEST_ONLY_THEMES.includes(p.theme));
  });

  it('draws every seen layout of every family in train', () => {
    const seen = new Set(get('train-nonobject').map((p) => `${p.kind}/${p.layout}`));
    for (const [family] of FAMILIES) {
      for (const layout of family.layouts)
        if (!isTestOnlyLayout(family.kind, layout)) expect(seen).toContain(`${family.kind}/${layout}`);
    }
  });

  it('numbers images from each split offset, clear of the scene splits', () => {
    for (const split of NONOBJECT_SPLIT_NAMES)
      expect(get(split).map((p) => p.imageId)).toEqual(
        Array.from({ length: PAGES }, (_, i) => NONOBJECT_SPLITS[split].idOffset + i),
      );
    const ranges = [
      ...Object.values(SPLITS).map((s) => [s.idOffset, s.idOffset + MAX_IMAGES_PER_SPLIT] as const),
      ...Object.values(NONOBJECT_SPLITS).map((s) => [s.idOffset, s.idOffset + MAX_NONOBJECT_IMAGES] as const),
    ].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++)
      expect(ranges[i]?.[0]).toBeGreaterThanOrEqual(ranges[i - 1]?.[1] ?? 0);
    expect(Math.max(...ranges.map(([, end]) => end))).toBeLessThanOrEqual(10_000_000);
  });

  it('draws different pages in each split and for each seed, the same for the same seed', () => {
    const train = get('train-nonobject').map((p) => p.html);
    const val = new Set(get('val-nonobject').map((p) => p.html));
    expect(train.filter((html) => val.has(html))).toEqual([]);
    expect(plans('train-nonobject', 2, 1)[0]?.html).not.toBe(train[0]);
    expect(plans('train-nonobject', 1, 50)).toEqual(get('train-nonobject').slice(0, 50));
  });
});
