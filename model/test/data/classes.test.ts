import { describe, expect, it } from 'vitest';
import { OBJECT_CLASSES } from '../../src/data/classes.ts';
import { findMissingIcons, styleCoverage, underCoveredClasses } from '../../src/data/coverage.ts';
import { HELD_OUT_STYLES } from '../../src/data/styles.ts';
import { STREAMLINE_ICONS } from '../../src/data/streamline-icons.ts';

describe('class table', () => {
  it('has at least 100 classes with unique ids and lower-case names', () => {
    expect(OBJECT_CLASSES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(OBJECT_CLASSES.map((c) => c.id)).size).toBe(OBJECT_CLASSES.length);
    for (const c of OBJECT_CLASSES) {
      expect(c.name).toMatch(/^[a-z][a-z ]*[a-z]$/);
      expect(c.plural).toMatch(/^[a-z][a-z ]*[a-z]$/);
      expect(c.synonyms).not.toContain(c.name);
      expect(c.synonyms).not.toContain(c.plural);
    }
  });

  it('maps Streamline drawings only to classes that exist (a misspelt id would silently drop the drawing)', () => {
    const ids = new Set(OBJECT_CLASSES.map((c) => c.id));
    expect(Object.keys(STREAMLINE_ICONS).filter((id) => !ids.has(id))).toEqual([]);
    expect(OBJECT_CLASSES.filter((c) => c.icons['streamline-emojis'] !== undefined).length).toBe(
      Object.keys(STREAMLINE_ICONS).length,
    );
  });

  it('names only icons that exist in their art set', () => {
    expect(findMissingIcons()).toEqual([]);
  });

  it('draws every class in at least 3 training styles and 95% of classes in the held-out style', () => {
    expect(underCoveredClasses(3)).toEqual([]);
    const coverage = styleCoverage();
    for (const style of HELD_OUT_STYLES) expect(coverage[style]).toBeGreaterThanOrEqual(0.95);
  });
});
