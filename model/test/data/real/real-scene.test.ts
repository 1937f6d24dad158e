import { describe, expect, it } from 'vitest';
import { scoreGrounded } from '../../../src/eval/metrics/index.ts';
import { realVocabulary } from '../../../src/data/real/real-classes.ts';
import { generateRealScene, type RealPools } from '../../../src/data/real/real-scene.ts';
import { CUTOUT_SIZES } from '../../../src/data/real/instance-pictures.ts';
import { hash32 } from '../../../src/data/rng.ts';
import { type Sprite, spriteFromRgba } from '../../../src/data/sprites.ts';

/** A filled disc of one colour on transparency, at every cached size. */
function disc(rgb: [number, number, number]): Sprite[] {
  return CUTOUT_SIZES.map((size) => {
    const px = Buffer.alloc(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if ((x - size / 2) ** 2 + (y - size / 2) ** 2 > (size * 0.4) ** 2) continue;
        px.set([...rgb, 255], (y * size + x) * 4);
      }
    }
    const sprite = spriteFromRgba(px, size);
    if (sprite === null) throw new Error('empty disc');
    return sprite;
  });
}

const vocabulary = realVocabulary(
  new Map([
    ['chair', 3],
    ['kettle', 3],
    ['cup', 3],
  ]),
);
const pools: RealPools = {
  realCutouts: [
    { classId: 'chair', instanceId: 'test:chair', picture: { views: [disc([200, 30, 30])] } },
    { classId: 'kettle', instanceId: 'test:kettle', picture: { views: [disc([30, 30, 200])] } },
  ],
  drawnCutouts: [{ classId: 'cup', instanceId: 'test:cup', picture: { views: [disc([30, 200, 30])] } }],
  photos: [
    {
      classId: 'cup',
      instanceId: 'test:cup-photo',
      picture: { side: 160, rgb: new Uint8Array(160 * 160 * 3).fill(90) },
    },
  ],
  backgrounds: [{ id: 'bg', side: 256, rgb: new Uint8Array(256 * 256 * 3).fill(180) }],
  styles: { photo: 1, cutout: 1, clipart: 1 },
  vocabulary,
};

describe('generateRealScene', () => {
  // Seeds are hashed as the split writer hashes them: xoroshiro's first draws from neighbouring seeds are alike.
  const seed = (i: number) => hash32('image', 99, i);
  const scenes = Array.from({ length: 60 }, (_, i) => generateRealScene(8_000_000 + i, seed(i), 128, pools));

  it('writes captions that name every object of the scene and nothing else, with the right counts', () => {
    const records = new Map(scenes.map((s) => [s.record.image_id, s.record]));
    for (let k = 0; k < 5; k++) {
      const results = new Map(scenes.map((s) => [s.record.image_id, s.captions[k] ?? '']));
      const scores = scoreGrounded(results, records, vocabulary);
      expect(scores.chairI, `caption ${k}`).toBe(0);
      expect(scores.countAccuracy, `caption ${k}`).toBe(1);
    }
  });

  it('draws all three kinds, records the instances it drew, and says no colour', () => {
    expect(new Set(scenes.map((s) => s.record.style))).toEqual(new Set(['photo', 'cutout', 'clipart']));
    for (const { record, captions, rgb } of scenes) {
      expect(rgb.length).toBe(128 * 128 * 3);
      expect(record.instances?.length).toBe(record.objects.length);
      expect(record.objects.every((o) => o.color === null && o.boxes.length === o.count)).toBe(true);
      if (record.style === 'clipart') expect(record.instances).toEqual(['test:cup']);
      for (const caption of captions) expect(caption).not.toMatch(/\b(red|blue|green)\b/);
    }
  });

  it('is a pure function of its seed', () => {
    const again = generateRealScene(8_000_007, seed(7), 128, pools);
    expect(again.captions).toEqual(scenes[7]?.captions);
    expect(Buffer.from(again.rgb).equals(Buffer.from(scenes[7]?.rgb ?? []))).toBe(true);
  });
});
