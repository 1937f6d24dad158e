import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isTrainableLicence } from '../../../src/data/real/source-instance.ts';
import { readLomiriWallpapers } from '../../../src/data/real/sources/lomiri-wallpapers.ts';
import { readMateBackgrounds } from '../../../src/data/real/sources/mate-backgrounds.ts';
import { readMypaintPapers } from '../../../src/data/real/sources/mypaint-papers.ts';
import { readPlasmaWallpapers } from '../../../src/data/real/sources/plasma-wallpapers.ts';
import { readPmndrsPanoramas } from '../../../src/data/real/sources/pmndrs-panoramas.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

describe('background photos and textures', () => {
  it('reads each Lomiri wallpaper licence and author from the copyright file', () => {
    const byId = new Map(readLomiriWallpapers(cacheDir).map((b) => [b.id, b]));
    expect(byId.size).toBe(13);
    expect(byId.get('lomiri-wallpapers:aitzgorri_by_Aitzol_Berasategi.jpg')).toMatchObject({
      licence: 'CC-BY-4.0',
      author: 'Aitzol Berasategi',
    });
    const bridge = byId.get('lomiri-wallpapers:Bridge_by_Sander_Klootwijk.jpg');
    expect(bridge).toMatchObject({ licence: 'CC-BY-SA-4.0', author: 'Sander Klootwijk' });
    expect(isTrainableLicence(bridge?.licence ?? '')).toBe(false);
    expect(byId.get('lomiri-wallpapers:seeding_by_Clements_Engelhardt.jpg')?.licence).toBe('CC0-1.0');
    expect(byId.has('lomiri-wallpapers:umang_by_Abhishek_Mudgal.jpg')).toBe(false);
  });

  it('records the GPL photos of Plasma and MATE as evaluation-only', () => {
    const plasma = readPlasmaWallpapers(cacheDir);
    const mate = readMateBackgrounds(cacheDir);
    expect([plasma.length, mate.length]).toEqual([11, 12]);
    expect(plasma.find((b) => b.id === 'plasma-wallpapers:Path')).toMatchObject({
      licence: 'GPL-2.0-or-later',
      author: 'Risto Saukonpää',
    });
    expect(plasma.find((b) => b.id === 'plasma-wallpapers:Path')?.file).toMatch(/images\/2560x1600\.jpg$/);
    expect(mate.find((b) => b.id === 'mate-backgrounds:nature/Storm.jpg')).toMatchObject({
      licence: 'GPL-2.0-or-later',
      author: 'Sergey Nazarov',
    });
    expect([...plasma, ...mate].some((b) => isTrainableLicence(b.licence))).toBe(false);
  });

  it('lists the CC0 MyPaint papers', () => {
    const papers = readMypaintPapers(cacheDir);
    expect(papers).toHaveLength(17);
    expect(papers.find((b) => b.id === 'mypaint-papers:ramon/HR_Cork.png')).toMatchObject({
      licence: 'CC0-1.0',
      author: 'Ramón Miranda',
      description: 'cork texture',
    });
  });

  it('tone-maps the Poly Haven EXR panoramas to 8-bit PNG horizon bands', async () => {
    const panoramas = await readPmndrsPanoramas(cacheDir);
    expect(panoramas).toHaveLength(18);
    const park = panoramas.find((b) => b.id === 'pmndrs-panoramas:park');
    expect(park).toMatchObject({ licence: 'CC0-1.0', author: 'Poly Haven', description: 'park panorama' });
    const image = sharp(park?.file);
    const meta = await image.metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 512, 128, 3]);
    // A daylight park: the sky (top rows) is brighter and bluer than the grass (bottom rows).
    const { data } = await image.raw().toBuffer({ resolveWithObject: true });
    const mean = (row: number, channel: number) => {
      let sum = 0;
      for (let x = 0; x < 512; x++) sum += data[3 * (row * 512 + x) + channel] ?? 0;
      return sum / 512;
    };
    expect(mean(2, 2)).toBeGreaterThan(mean(125, 2));
    expect(mean(2, 2)).toBeGreaterThan(mean(2, 0));
    expect(mean(125, 1)).toBeGreaterThan(mean(125, 2));
  });
});
