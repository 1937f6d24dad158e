// The unknown-object outlier splits: things no class names, drawn from the training art sets, split by icon.
import { describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../src/data/classes.ts';
import { unknownIcons } from '../../src/verifier/unknown-objects.ts';

const known = OBJECT_CLASSES.map((c) => ({ id: c.id, name: c.name, plural: c.plural, synonyms: c.synonyms }));

describe('unknownIcons', () => {
  it('leaves out every icon a class uses and every name holding a class word', () => {
    const icons = unknownIcons('twemoji', known, 'train-unknown');
    expect(icons.length).toBeGreaterThan(500);
    const used = new Set(OBJECT_CLASSES.map((c) => c.icons.twemoji));
    expect(icons.filter((name) => used.has(name))).toEqual([]);
    for (const name of ['red-apple', 'dog-face', 'trolleybus', 'woman-cook', 'flag-france']) {
      for (const split of ['train-unknown', 'val-unknown', 'test-unknown'] as const)
        expect(unknownIcons('twemoji', known, split)).not.toContain(name);
    }
    const all = (['train-unknown', 'val-unknown', 'test-unknown'] as const).flatMap((split) =>
      unknownIcons('twemoji', known, split),
    );
    expect(all).toContain('abacus');
  });

  it('gives each split its own icons', () => {
    const [train, val, test] = (['train-unknown', 'val-unknown', 'test-unknown'] as const).map(
      (split) => new Set(unknownIcons('noto', known, split)),
    );
    for (const name of val ?? []) {
      expect(train?.has(name)).toBe(false);
      expect(test?.has(name)).toBe(false);
    }
    for (const name of test ?? []) expect(train?.has(name)).toBe(false);
    expect(val?.size).toBeGreaterThan(50);
    expect(test?.size).toBeGreaterThan(50);
  });
});
