import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceListing } from '../../../src/data/real/catalogue.ts';
import { isTrainableLicence } from '../../../src/data/real/source-instance.ts';
import { readScratch } from '../../../src/data/real/sources/scratch.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

describe('Scratch media library', () => {
  let listing: SourceListing;
  beforeAll(async () => {
    listing = await readScratch(cacheDir);
  });
  const instance = (id: string) => listing.instances.find((i) => i.id === id);

  it('lists photo cut-outs by file name, CC-BY-SA and so evaluation-only', () => {
    const hydrant = instance('scratch:Costumes/Things/fire-hydrant.gif');
    expect(hydrant).toMatchObject({
      kind: 'photo',
      name: 'fire-hydrant',
      keywords: ['fire hydrant', 'things'],
      licence: 'CC-BY-SA-3.0',
      cutout: true,
    });
    expect(isTrainableLicence(hydrant?.licence ?? '')).toBe(false);
    expect(instance('scratch:Costumes/Transportation/car-blue.gif')?.kind).toBe('photo');
    expect(instance('scratch:Costumes/Animals/dog2-a.png')).toMatchObject({ kind: 'drawn', name: 'dog2-a' });
    expect(listing.instances.filter((i) => i.kind === 'photo')).toHaveLength(35);
  });

  it('groups the poses of one sprite', () => {
    expect(instance('scratch:Costumes/Animals/insect1-a.gif')?.group).toBe('scratch:Animals/insect1');
    expect(instance('scratch:Costumes/Animals/insect1-b.gif')?.group).toBe('scratch:Animals/insect1');
  });

  it('leaves out the Scratch Cat, people, letters and GUI buttons', () => {
    expect(instance('scratch:Costumes/Animals/cat1-a.gif')).toBeUndefined();
    expect(instance('scratch:Costumes/Things/button.gif')).toBeUndefined();
    const folders = new Set(listing.instances.map((i) => i.id.split('/')[1]));
    expect(folders).toEqual(new Set(['Animals', 'Things', 'Transportation']));
  });

  it('lists the photographic stage backgrounds only', () => {
    const ids = listing.backgrounds.map((b) => b.id);
    expect(ids).toContain('scratch:Backgrounds/Nature/beach-malibu.jpg');
    expect(ids).not.toContain('scratch:Backgrounds/Indoors/bedroom1.gif');
    expect(ids).not.toContain('scratch:Backgrounds/Indoors/room1.jpg');
    expect(listing.backgrounds.find((b) => b.id.endsWith('beach-malibu.jpg'))?.description).toBe(
      'beach malibu',
    );
    expect(listing.backgrounds.every((b) => b.licence === 'CC-BY-SA-3.0')).toBe(true);
  });
});
