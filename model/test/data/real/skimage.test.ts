import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrainableLicence } from '../../../src/data/real/source-instance.ts';
import { readSkimage } from '../../../src/data/real/sources/skimage.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

describe('scikit-image sample pictures', () => {
  const { instances, backgrounds } = readSkimage(cacheDir);
  const byId = new Map(instances.map((i) => [i.id, i]));

  it('lists the object photos with the licence their docstrings state', () => {
    expect(byId.get('skimage:chelsea.png')).toMatchObject({
      kind: 'photo',
      name: 'Chelsea the cat',
      keywords: ['cat'],
      licence: 'CC0-1.0',
      author: 'Stefan van der Walt',
      cutout: false,
    });
    expect(byId.get('skimage:coffee.png')).toMatchObject({ name: 'Coffee cup', licence: 'CC0-1.0' });
    expect(byId.get('skimage:rocket.jpg')?.licence).toBe('LicenseRef-PublicDomain');
  });

  it('keeps people out and unclear licences out of training', () => {
    expect(byId.has('skimage:astronaut.png')).toBe(false);
    expect(byId.has('skimage:camera.png')).toBe(false);
    expect(isTrainableLicence(byId.get('skimage:coins.png')?.licence ?? '')).toBe(false);
    expect(isTrainableLicence(byId.get('skimage:motorcycle_left.png')?.licence ?? '')).toBe(false);
  });

  it('offers the CC0 textures as backgrounds', () => {
    expect(backgrounds.map((b) => `${b.id} ${b.licence}`)).toEqual([
      'skimage:brick.png CC0-1.0',
      'skimage:grass.png CC0-1.0',
      'skimage:gravel.png CC0-1.0',
    ]);
  });
});
