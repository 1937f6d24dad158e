/**
 * MyPaint's extra paper and canvas textures (Debian `mypaint-data-extras`): scans by Ramón Miranda and MrMamurk,
 * both dedicated CC0 in their readmes and in Debian's copyright file. They tile, so any crop is a background.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage } from '../source-instance.ts';
import { holderOf, readDebianCopyright, spdxFromDebian, stanzaFor } from './debian-copyright.ts';

const PACKAGE = { name: 'mypaint-data-extras', version: '2.0.1-9' };

const SETS = ['mrmamurk', 'ramon'];

/** Ramón's file names say the medium ("HR_PastelPaper 02.png"); MrMamurk's (`mamurk_a_1`) say nothing. */
function describe(set: string, file: string): string {
  if (set !== 'ramon') return 'paper texture';
  const medium = file
    .replace(/^HR_|\s*\d*\.png$/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${medium} texture`;
}

export function readMypaintPapers(cacheDir: string): BackgroundImage[] {
  const root = fetchDebianPackage(PACKAGE, cacheDir);
  const stanzas = readDebianCopyright(root, PACKAGE.name);
  const backgroundsDir = join(root, 'usr/share/mypaint/backgrounds');
  const backgrounds: BackgroundImage[] = [];
  for (const set of SETS) {
    const stanza = stanzaFor(stanzas, `backgrounds/${set}/x.png`);
    if (!stanza) throw new Error(`${PACKAGE.name}: the copyright file does not cover backgrounds/${set}`);
    for (const file of readdirSync(join(backgroundsDir, set))
      .filter((f) => f.endsWith('.png'))
      .sort()) {
      backgrounds.push({
        id: `mypaint-papers:${set}/${file}`,
        source: 'mypaint-papers',
        licence: spdxFromDebian(stanza.license),
        author: holderOf(stanza.copyright),
        origin: `https://github.com/mypaint/mypaint (Debian ${PACKAGE.name} ${PACKAGE.version})`,
        file: join(backgroundsDir, set, file),
        description: describe(set, file),
      });
    }
  }
  return backgrounds;
}

export const mypaintPapersReader: SourceReader = {
  source: 'mypaint-papers',
  read: (cacheDir) => ({ instances: [], backgrounds: readMypaintPapers(cacheDir) }),
};
