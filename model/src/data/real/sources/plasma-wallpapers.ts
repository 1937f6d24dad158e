/**
 * KDE Plasma wallpapers (Debian `plasma-workspace-wallpapers`): the eleven photos among its thirty wallpapers,
 * each at its largest size. Each wallpaper's metadata.json says LGPLv3 while Debian's copyright file says GPL-2+
 * for everything; the stricter GPL-2.0-or-later is recorded. Either way they serve evaluation scenes only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage } from '../source-instance.ts';

const PACKAGE = { name: 'plasma-workspace-wallpapers', version: '4:5.27.5-2' };
const LICENCE = 'GPL-2.0-or-later';

/** Described by eye; the other nineteen are renders, gradients and drawings. */
const PHOTOS: Record<string, string> = {
  BytheWater: 'wooden jetty on a lake',
  ColdRipple: 'pier in grey fog',
  ColorfulCups: 'rows of coloured cups from above',
  DarkestHour: 'misty blue lake at dusk',
  EveningGlow: 'rowing boats on a shore at sunset',
  FallenLeaf: 'autumn leaf on the ground',
  Grey: 'curved concrete facade',
  Kite: 'kite in a blue sky with clouds',
  OneStandsOut: 'moss from above',
  Path: 'path through a pine forest',
  summer_1am: 'lake under a summer night sky',
};

interface WallpaperMetadata {
  KPlugin?: { Authors?: { Name?: string }[] };
}

/** The biggest of the sizes a wallpaper ships in (`2560x1600.jpg`, `1280x1024.jpg`, ...). */
function largestImage(imagesDir: string): string {
  const area = (file: string) => {
    const [w, h] = file.split(/[x.]/).map(Number);
    return (w ?? 0) * (h ?? 0);
  };
  const [largest] = readdirSync(imagesDir).sort((a, b) => area(b) - area(a));
  if (!largest) throw new Error(`${imagesDir}: no images`);
  return join(imagesDir, largest);
}

export function readPlasmaWallpapers(cacheDir: string): BackgroundImage[] {
  const root = fetchDebianPackage(PACKAGE, cacheDir);
  return Object.entries(PHOTOS).map(([name, description]) => {
    const dir = join(root, 'usr/share/wallpapers', name);
    const metadata: WallpaperMetadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    return {
      id: `plasma-wallpapers:${name}`,
      source: 'plasma-wallpapers',
      licence: LICENCE,
      author: (metadata.KPlugin?.Authors ?? []).map((a) => a.Name ?? '').join(', '),
      origin: `https://invent.kde.org/plasma/plasma-workspace-wallpapers (Debian ${PACKAGE.name} ${PACKAGE.version})`,
      file: largestImage(join(dir, 'contents/images')),
      description,
    };
  });
}

export const plasmaWallpapersReader: SourceReader = {
  source: 'plasma-wallpapers',
  read: (cacheDir) => ({ instances: [], backgrounds: readPlasmaWallpapers(cacheDir) }),
};
