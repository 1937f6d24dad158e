import { describe, expect, it } from 'vitest';
import { writeCaptions } from '../../src/data/captions.ts';
import type { SceneRecord } from '../../src/data/records.ts';
import { relationsBetween } from '../../src/data/relations.ts';
import { Rng } from '../../src/data/rng.ts';

function scene(objects: SceneRecord['objects'], background = 'texture'): SceneRecord {
  return { image_id: 1, style: 'twemoji', background, objects };
}

function captionsOf(record: SceneRecord, seed = 7): string[] {
  return writeCaptions(record, 128, new Rng(seed));
}

describe('writeCaptions', () => {
  it('writes five distinct captions that name every object with its count', () => {
    const record = scene([
      {
        class: 'dog',
        count: 2,
        color: null,
        boxes: [
          [4, 4, 30, 30],
          [40, 4, 30, 30],
        ],
      },
      { class: 'apple', count: 1, color: null, boxes: [[80, 80, 30, 30]] },
    ]);
    for (let seed = 0; seed < 20; seed++) {
      const captions = captionsOf(record, seed);
      expect(captions).toHaveLength(5);
      expect(new Set(captions).size).toBe(5);
      for (const caption of captions) {
        expect(caption).toContain('two dogs');
        expect(caption).toContain('an apple');
        expect(caption).not.toMatch(/\ba dogs?\b|\bone dog|\ba apple/);
      }
    }
  });

  it('names a colour only for recoloured objects', () => {
    const record = scene([
      {
        class: 'banana',
        count: 3,
        color: 'purple',
        boxes: [
          [4, 4, 20, 20],
          [30, 4, 20, 20],
          [60, 4, 20, 20],
        ],
      },
      { class: 'cat', count: 1, color: null, boxes: [[60, 70, 40, 40]] },
    ]);
    for (let seed = 0; seed < 20; seed++) {
      for (const caption of captionsOf(record, seed)) {
        expect(caption).toContain('three purple bananas');
        expect(caption).toContain('a cat');
        expect(caption.replace('purple', '')).not.toMatch(
          /\b(red|orange|yellow|green|blue|purple|pink|brown|black|white|grey)\b/,
        );
      }
    }
  });

  it('mentions a plain background by its colour, and other backgrounds without one', () => {
    const record = scene([{ class: 'owl', count: 1, color: null, boxes: [[40, 40, 40, 40]] }], 'plain-blue');
    const all = Array.from({ length: 30 }, (_, seed) => captionsOf(record, seed)).flat();
    expect(all.some((c) => c.includes('blue background'))).toBe(true);
    expect(all.every((c) => c.startsWith('an owl') || c.includes(' an owl') || c === 'an owl')).toBe(true);
  });

  it('uses "to the left of" only when it holds', () => {
    const record = scene([
      { class: 'dog', count: 1, color: null, boxes: [[2, 40, 40, 40]] },
      { class: 'cat', count: 1, color: null, boxes: [[80, 45, 40, 40]] },
    ]);
    const all = Array.from({ length: 30 }, (_, seed) => captionsOf(record, seed)).flat();
    const relational = all.filter((c) => /left of|right of|next to/.test(c));
    expect(relational.length).toBeGreaterThan(0);
    for (const caption of relational) {
      expect(caption).toMatch(/a dog (to the left of|next to) a cat|a cat (to the right of|next to) a dog/);
    }
    expect(all.some((c) => /above|below/.test(c))).toBe(false);
  });

  it('relates groups only when every copy agrees', () => {
    const apart = scene([
      {
        class: 'dog',
        count: 2,
        color: null,
        boxes: [
          [2, 10, 30, 30],
          [2, 70, 30, 30],
        ],
      },
      { class: 'cat', count: 1, color: null, boxes: [[90, 40, 30, 30]] },
    ]);
    const all = Array.from({ length: 30 }, (_, seed) => captionsOf(apart, seed)).flat();
    expect(
      all.some(
        (c) => c.includes('two dogs to the left of a cat') || c.includes('a cat to the right of two dogs'),
      ),
    ).toBe(true);
    expect(all.some((c) => c.includes('there are two dogs'))).toBe(true);
    const mixed = scene([
      {
        class: 'dog',
        count: 2,
        color: null,
        boxes: [
          [2, 10, 30, 30],
          [95, 70, 30, 30],
        ],
      },
      { class: 'cat', count: 1, color: null, boxes: [[50, 40, 30, 30]] },
    ]);
    const none = Array.from({ length: 30 }, (_, seed) => captionsOf(mixed, seed)).flat();
    expect(none.some((c) => /left of|right of|above|below|next to/.test(c))).toBe(false);
  });
});

describe('relationsBetween', () => {
  it('finds nothing for overlapping boxes and only the dominant axis for diagonals', () => {
    expect(relationsBetween([10, 10, 40, 40], [30, 30, 40, 40], 128)).toEqual([]);
    expect(relationsBetween([0, 0, 30, 30], [40, 40, 30, 30], 128)).toEqual([]);
    expect(relationsBetween([0, 0, 30, 30], [90, 10, 30, 30], 128)).toEqual(['left of']);
    expect(relationsBetween([50, 0, 30, 30], [45, 80, 30, 30], 128)).toEqual(['above']);
    expect(relationsBetween([0, 40, 30, 30], [40, 45, 30, 30], 128)).toEqual(['left of', 'next to']);
  });
});
