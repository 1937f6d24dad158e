import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTrainableLicence } from '../../../src/data/real/source-instance.ts';
import type { BackgroundImage, SourceInstance } from '../../../src/data/real/source-instance.ts';
import { readGcompris, wordsFromFileName } from '../../../src/data/real/sources/gcompris.ts';
import { parseCredits, spdxLicence } from '../../../src/data/real/sources/gcompris-credits.ts';
import { parseQtResource, readQtResource } from '../../../src/data/real/sources/qt-resource.ts';
import { hasTransparentSurround } from '../../../src/data/real/sources/transparency.ts';

// The real package, fetched once into the repository's gitignored data cache (apt-get download, ~70 MB).
const cacheDir = fileURLToPath(new URL('../../../../data/sources', import.meta.url));
const rccDir = `${cacheDir}/gcompris-qt-data_3.1-2/usr/share/gcompris-qt/rcc`;

describe('readGcompris on gcompris-qt-data 3.1-2', () => {
  let instances: SourceInstance[] = [];
  let backgrounds: BackgroundImage[] = [];
  const photo = (id: string): SourceInstance | undefined => instances.find((i) => i.id === `gcompris:${id}`);

  beforeAll(async () => {
    ({ instances, backgrounds } = await readGcompris(cacheDir));
  });

  it('lists the photos of every activity folder, each once, extracted to disk', () => {
    const perFolder = new Map<string, number>();
    for (const { id } of instances) {
      const folder = id.slice(0, id.lastIndexOf('/'));
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    expect(Object.fromEntries(perFolder)).toEqual({
      'gcompris:categorization/resource/images/tools': 39,
      'gcompris:categorization/resource/images/others': 17,
      'gcompris:categorization/resource/images/fishes': 28,
      'gcompris:erase/resource': 33,
      'gcompris:explore_farm_animals/resource/animals': 9,
      'gcompris:explore_world_animals/resource/animals': 15,
    });
    expect(new Set(instances.map((i) => i.id)).size).toBe(instances.length);
    expect(instances.every((i) => i.kind === 'photo' && i.source === 'gcompris' && existsSync(i.file))).toBe(
      true,
    );
    // No photo has an alpha channel: all are on their own backgrounds.
    expect(instances.filter((i) => i.cutout)).toEqual([]);
  });

  it('credits a public-domain tool from its folder README', () => {
    expect(photo('categorization/resource/images/tools/hammer5.webp')).toMatchObject({
      name: 'hammer',
      keywords: ['Tools'],
      licence: 'LicenseRef-PublicDomain',
      author: 'Evan-Amos',
      origin: 'https://commons.wikimedia.org/wiki/File:Claw-hammer.jpg',
      cutout: false,
    });
    // The README misspells this one "screDriver.webp".
    expect(photo('categorization/resource/images/tools/screwDriver.webp')).toMatchObject({
      name: 'screw driver',
      licence: 'LicenseRef-PublicDomain',
      author: 'Oktaeder',
    });
  });

  it('marks the share-alike erase animals as not trainable', () => {
    const gorilla = photo('erase/resource/gorilla.webp');
    expect(gorilla).toMatchObject({ name: 'gorilla', licence: 'CC-BY-SA-4.0', author: 'Charles J. Sharp' });
    expect(isTrainableLicence(gorilla?.licence ?? '')).toBe(false);
    expect(photo('erase/resource/long_nosed_monkey.webp')?.name).toBe('long nosed monkey');
    const erase = instances.filter((i) => i.id.startsWith('gcompris:erase/'));
    expect(erase.filter((i) => i.licence === 'CC-BY-SA-4.0')).toHaveLength(24);
  });

  it('takes the explore boards’ title and sentences as keywords', () => {
    expect(photo('explore_farm_animals/resource/animals/sheep.webp')?.keywords).toEqual([
      'Sheep',
      "The sheep goes 'baa'. Most sheep breeds bear a fleece of wool. The fleece can be sheared and used to produce textile fibre.",
      'This animal produces wool.',
    ]);
    expect(photo('explore_world_animals/resource/animals/dragon.webp')).toMatchObject({
      name: 'dragon',
      keywords: [
        'Komodo dragon',
        'The Komodo dragon is the largest living lizard (up to 3 meters). It lives in the Indonesian islands.',
      ],
      licence: 'LicenseRef-PublicDomain',
    });
  });

  it('lists only public-domain and CC0 landmark, scenery and underwater backgrounds, each photo once', () => {
    expect(backgrounds).toHaveLength(104);
    expect(new Set(backgrounds.map((b) => b.licence))).toEqual(
      new Set(['LicenseRef-PublicDomain', 'CC0-1.0']),
    );
    const ids = backgrounds.map((b) => b.id.replace('gcompris:', ''));
    expect(ids).not.toContain('explore_monuments/resource/wonders/chichenItza.webp'); // CC-BY-SA-4.0
    expect(ids).not.toContain('categorization/resource/images/renewable/windmill6.webp'); // GPL-2.0-or-later
    // The same Commons photo in categorization (320 px) is dropped for explore_monuments' 1024 px copy.
    expect(ids.filter((id) => id.endsWith('brandenburgGate.webp'))).toEqual([
      'explore_monuments/resource/germany/brandenburgGate.webp',
    ]);
    expect(backgrounds.find((b) => b.id === 'gcompris:clickgame/resource/sea4.webp')).toMatchObject({
      description: 'underwater sea',
      licence: 'LicenseRef-PublicDomain',
      author: 'Pseudopanax',
    });
    expect(backgrounds.find((b) => b.id.endsWith('france/chateaudeChambord.webp'))?.description).toBe(
      'chateau de chambord',
    );
  });
});

describe('readQtResource', () => {
  it('reads a real bundle: an image decodes, a zlib-compressed README inflates', async () => {
    const files = readQtResource(`${rccDir}/categorization.rcc`);
    const byPath = (path: string) =>
      files.find((f) => f.path === `gcompris/src/activities/categorization/${path}`);
    const hammer = byPath('resource/images/tools/hammer1.webp');
    expect(hammer?.compression).toBe('none');
    const bytes = hammer?.read() ?? Buffer.alloc(0);
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    expect(bytes.toString('latin1', 8, 12)).toBe('WEBP');
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 213 });
    const readme = byPath('resource/images/tools/README');
    expect(readme?.compression).toBe('zlib');
    expect(readme?.read().toString('utf8')).toMatch(/^Copyright: Baran Ivo\nSource: https:\/\/commons/);
  });

  it('refuses zstd entries and files that are not bundles', () => {
    const files = parseQtResource(
      bundle([
        { name: 'note.txt', text: 'hello' },
        { name: 'packed.bin', zstd: true },
      ]),
    );
    expect(files.map((f) => [f.path, f.compression])).toEqual([
      ['docs/note.txt', 'zlib'],
      ['docs/packed.bin', 'zstd'],
    ]);
    expect(files[0]?.read().toString()).toBe('hello');
    expect(() => files[1]?.read()).toThrow(/zstd-compressed/);
    expect(() => parseQtResource(Buffer.from('PK\u0003\u0004 not a bundle at all'))).toThrow(
      /no "qres" magic/,
    );
  });
});

describe('README credits', () => {
  it('maps licence names to SPDX, refuses unknown spellings, and leaves unstated licences unknown', () => {
    expect(
      ['Public domain', 'CC-BY-SA 4.0', 'CC0-1.0', 'GPLv2+', 'CC-BY 4.0'].map((t) => spdxLicence(t, 'x')),
    ).toEqual(['LicenseRef-PublicDomain', 'CC-BY-SA-4.0', 'CC0-1.0', 'GPL-2.0-or-later', 'CC-BY-4.0']);
    expect(() => spdxLicence('Free for schools', 'README')).toThrow(/no SPDX mapping/);
    const credits = parseCredits('Copyright: Somebody\nFiles:\n  owl.webp\n  cat.webp\n', 'README');
    expect(credits.get('cat.webp')).toEqual({
      licence: 'LicenseRef-Unknown',
      author: 'Somebody',
      source: '',
    });
    expect(isTrainableLicence('LicenseRef-Unknown')).toBe(false);
  });

  it('makes names from file names', () => {
    expect(
      ['measuringTape1.webp', 'polar_bear.webp', 'sideCutter1.webp', 'greatWallofChina.webp'].map(
        wordsFromFileName,
      ),
    ).toEqual(['measuring tape', 'polar bear', 'side cutter', 'great wall of china']);
  });
});

describe('hasTransparentSurround', () => {
  it('is true for an object on a see-through frame and false for an opaque picture with an alpha channel', async () => {
    const dot = await sharp({
      create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        { input: { create: { width: 8, height: 8, channels: 4, background: '#f00' } }, left: 6, top: 6 },
      ])
      .png()
      .toBuffer();
    const opaque = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#0f0' } })
      .png()
      .toBuffer();
    expect(await hasTransparentSurround(dot)).toBe(true);
    expect(await hasTransparentSurround(opaque)).toBe(false);
  });
});

/** A minimal rcc (format version 2) holding one folder, `docs`, of zlib- (qCompress) or zstd-flagged files. */
function bundle(entries: { name: string; text?: string; zstd?: boolean }[]): Buffer {
  const names: Buffer[] = [];
  const nameOffset = (name: string): number => {
    const at = names.reduce((n, b) => n + b.length, 0);
    const head = Buffer.alloc(6);
    head.writeUInt16BE(name.length, 0); // the hash (bytes 2-5) is not checked when reading
    names.push(head, Buffer.from(name, 'utf16le').swap16());
    return at;
  };
  const data: Buffer[] = [];
  const node = (name: number, flags: number, a: number, b: number, dir: boolean): Buffer => {
    const out = Buffer.alloc(22);
    out.writeUInt32BE(name, 0);
    out.writeUInt16BE(flags, 4);
    if (dir) out.writeUInt32BE(a, 6);
    out.writeUInt32BE(b, 10);
    return out;
  };
  const tree = [node(0, 2, 1, 1, true), node(nameOffset('docs'), 2, entries.length, 2, true)];
  for (const entry of entries) {
    const raw = Buffer.from(entry.text ?? 'x');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(raw.length);
    const payload = entry.zstd
      ? Buffer.from([0x28, 0xb5, 0x2f, 0xfd])
      : Buffer.concat([length, deflateSync(raw)]);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(payload.length);
    const offset = data.reduce((n, b) => n + b.length, 0);
    data.push(size, payload);
    tree.push(node(nameOffset(entry.name), entry.zstd ? 4 : 1, 0, offset, false));
  }
  const [treeBytes, dataBytes, nameBytes] = [Buffer.concat(tree), Buffer.concat(data), Buffer.concat(names)];
  const header = Buffer.alloc(20);
  header.write('qres', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(20, 8);
  header.writeUInt32BE(20 + treeBytes.length, 12);
  header.writeUInt32BE(20 + treeBytes.length + dataBytes.length, 16);
  return Buffer.concat([header, treeBytes, dataBytes, nameBytes]);
}
