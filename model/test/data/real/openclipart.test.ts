import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceInstance } from '../../../src/data/real/source-instance.ts';
import { isObjectFolder, isPeopleFolder } from '../../../src/data/real/sources/openclipart-folders.ts';
import { openClipartLicence, readOpenClipart } from '../../../src/data/real/sources/openclipart.ts';

const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

describe('Open Clip Art Library', () => {
  let byId: Map<string, SourceInstance>;
  beforeAll(() => {
    byId = new Map(readOpenClipart(cacheDir).map((i) => [i.id, i]));
  });

  it('lists drawings of objects, public domain, cut out', () => {
    expect(byId.size).toBe(1539);
    const all = [...byId.values()];
    expect(new Set(all.map((i) => `${i.kind} ${i.licence} ${i.cutout}`))).toEqual(
      new Set(['drawn LicenseRef-PublicDomain true']),
    );
  });

  it('names a drawing by its dc:title, with its subjects, file name and folders as keywords', () => {
    expect(byId.get('openclipart:food/fruit/an_apple_01.svg')).toMatchObject({
      name: 'An Apple',
      keywords: ['hash', 'food', 'apple', 'fruit', 'an apple 01'],
      author: 'James Birkett',
    });
  });

  it('lists a drawing filed in several folders once, with the keywords of every copy', () => {
    const frogs = [...byId.values()].filter((i) => i.name === '2 dead frogs');
    expect(frogs.map((i) => i.id)).toEqual(['openclipart:animals/2_dead_frogs_lumen_desig_01.svg']);
    expect(frogs[0]?.keywords).toEqual(expect.arrayContaining(['kwaakwaa', 'amphibian', 'hazard']));
  });

  it('skips GPL-tagged, contradicted and untitled drawings', () => {
    expect(byId.has('openclipart:computer/hardware/firewall_denco_01.svg')).toBe(false);
    expect(byId.has('openclipart:computer/firewall_denco_01.svg')).toBe(false);
    // Tagged public domain, but saved by its artist as "TigerLGPL-GraigSmith.SVG".
    expect(byId.has('openclipart:animals/mammals/big_cats/tiger_graig_ryan_smith_-_01.svg')).toBe(false);
    expect(byId.has('openclipart:electronics/navigation_display_panel_01.svg')).toBe(false);
    // Its licence element is empty (as in all 61 such files, so is its title).
    expect(byId.has('openclipart:food/meats_and_eggs/steak-v0.1.svg')).toBe(false);
  });

  it('reads an empty licence element as the public-domain dedication of the package copyright file', () => {
    const meta = { title: 'Steak', subjects: [], creator: '', rights: '', docName: 'steak.svg' };
    expect(openClipartLicence({ ...meta, licenceUrl: '' })).toBe('LicenseRef-PublicDomain');
    expect(
      openClipartLicence({ ...meta, licenceUrl: 'http://creativecommons.org/licenses/GPL/2.0/' }),
    ).toBeNull();
    expect(openClipartLicence({ ...meta, licenceUrl: '', rights: 'copyleft' })).toBeNull();
  });

  it('drops people, symbols and road signs, also where they are filed under an object folder', () => {
    expect(byId.has('openclipart:people/car_ride_ganson.svg')).toBe(false);
    expect(byId.has('openclipart:transportation/bus_lane.svg')).toBe(false);
    expect([isObjectFolder('food/fruit'), isObjectFolder('people/clothing/hats')]).toEqual([true, true]);
    expect([isObjectFolder('signs_and_symbols/flags'), isObjectFolder('recreation/games/cards')]).toEqual([
      false,
      false,
    ]);
    expect([isPeopleFolder('people/stickmen'), isPeopleFolder('people/clothing')]).toEqual([true, false]);
  });
});
