/**
 * MATE desktop backgrounds (Debian `mate-backgrounds`): the twelve nature photos. GPL-2+ per Debian's copyright
 * file, so they serve evaluation scenes only. The abstract and desktop folders are gradients, logos and stripes.
 */
import { join } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage } from '../source-instance.ts';
import { holderOf, readDebianCopyright, spdxFromDebian, stanzaFor } from './debian-copyright.ts';

const PACKAGE = { name: 'mate-backgrounds', version: '1.26.0-1' };

/** Described by eye. */
const PHOTOS: Record<string, string> = {
  'Aqua.jpg': 'water drop splash',
  'Blinds.jpg': 'green leaf close up',
  'Dune.jpg': 'dune grass by the sea',
  'FreshFlower.jpg': 'orange flower close up',
  'Garden.jpg': 'red flower in a garden',
  'GreenMeadow.jpg': 'green grass',
  'LadyBird.jpg': 'ladybird on a grass blade',
  'RainDrops.jpg': 'rain drops on leaves',
  'Storm.jpg': 'storm clouds over a plain',
  'TwoWings.jpg': 'insect on an orange flower',
  'Wood.jpg': 'pale wood grain',
  'YellowFlower.jpg': 'yellow flower close up',
};

export function readMateBackgrounds(cacheDir: string): BackgroundImage[] {
  const root = fetchDebianPackage(PACKAGE, cacheDir);
  const stanzas = readDebianCopyright(root, PACKAGE.name);
  return Object.entries(PHOTOS).map(([file, description]) => {
    const stanza = stanzaFor(stanzas, `nature/${file}`);
    if (!stanza) throw new Error(`${PACKAGE.name}: the copyright file does not cover nature/${file}`);
    return {
      id: `mate-backgrounds:nature/${file}`,
      source: 'mate-backgrounds',
      licence: spdxFromDebian(stanza.license),
      author: holderOf(stanza.copyright),
      origin: `https://git.mate-desktop.org/mate-backgrounds/ (Debian ${PACKAGE.name} ${PACKAGE.version})`,
      file: join(root, 'usr/share/backgrounds/mate/nature', file),
      description,
    };
  });
}

export const mateBackgroundsReader: SourceReader = {
  source: 'mate-backgrounds',
  read: (cacheDir) => ({ instances: [], backgrounds: readMateBackgrounds(cacheDir) }),
};
