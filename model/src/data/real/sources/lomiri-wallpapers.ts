/**
 * Lomiri (Ubuntu Touch) wallpapers 16.04 (Debian `lomiri-wallpapers-16.04`): community photos, each with its own
 * author and licence in Debian's copyright file (CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0).
 */
import { join } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage } from '../source-instance.ts';
import { holderOf, readDebianCopyright, spdxFromDebian, stanzaFor } from './debian-copyright.ts';

const PACKAGE = { name: 'lomiri-wallpapers-16.04', version: '20.04.0-2' };

/**
 * The photos, described by eye. Left out: `umang_by_Abhishek_Mudgal` (a colour gradient) and
 * `analogpattern_by_Peter_Nerlich` (an abstract light texture). Several show a salient object (a clock, dogs,
 * wine), which a scene composer may want to avoid behind objects it names.
 */
const PHOTOS: Record<string, string> = {
  'Bridge_by_Sander_Klootwijk.jpg': 'bridge cables against a pale sky',
  'Dragonfly_by_Bolly.jpg': 'dragonfly on leaves',
  'Picture_0B_by_freespace.jpg': 'halved fig in a red bowl',
  'Picture_1A_by_freespace.jpg': 'paint brushes in a jar',
  'Wine_by_Jakkub_Mede.jpg': 'wine bottle and glass in a room',
  'aitzgorri_by_Aitzol_Berasategi.jpg': 'mountains above an autumn forest',
  'free_by_Peter_Nerlich.jpg': 'bird flying under ceiling lamps',
  'friends_by_Aitzol_Berasategi.jpg': 'dogs looking out of a window',
  'greentock_by_Peter_Nerlich.jpg': 'wall clock close up',
  'life_by_Aitzol_Berasategi.jpg': 'forest stream over rocks',
  'picosdeeuropa_by_Aitzol_Berasategi.jpg': 'mountain path under clouds',
  'seeding_by_Clements_Engelhardt.jpg': 'dandelion clocks in a meadow',
  'sunset_by_Aitzol_Berasategi.jpg': 'sunset over hills',
};

export function readLomiriWallpapers(cacheDir: string): BackgroundImage[] {
  const root = fetchDebianPackage(PACKAGE, cacheDir);
  const stanzas = readDebianCopyright(root, PACKAGE.name);
  return Object.entries(PHOTOS).map(([file, description]) => {
    const stanza = stanzaFor(stanzas, `16.04/${file}`);
    if (!stanza) throw new Error(`${PACKAGE.name}: the copyright file does not cover 16.04/${file}`);
    return {
      id: `lomiri-wallpapers:${file}`,
      source: 'lomiri-wallpapers',
      licence: spdxFromDebian(stanza.license),
      author: holderOf(stanza.copyright),
      origin: `https://gitlab.com/ubports/development/core/lomiri-wallpapers (Debian ${PACKAGE.name} ${PACKAGE.version})`,
      file: join(root, 'usr/share/backgrounds', file),
      description,
    };
  });
}

export const lomiriWallpapersReader: SourceReader = {
  source: 'lomiri-wallpapers',
  read: (cacheDir) => ({ instances: [], backgrounds: readLomiriWallpapers(cacheDir) }),
};
