/**
 * Scratch 1.4's media library (Debian `scratch`): costume cut-outs of animals, things and vehicles, and stage
 * backgrounds. All of Media/ is CC-BY-SA-3.0 (Debian's copyright file), so everything here is evaluation-only.
 * Left out: the Scratch Cat and Gobo (trademarked mascots), people, letters, fantasy characters, GUI buttons,
 * wigs, and the drawn backgrounds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SourceListing, SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage, SourceInstance } from '../source-instance.ts';

const PACKAGE = { name: 'scratch', version: '1.4.0.6~dfsg1-6.1' };
const MEDIA_DIR = 'usr/share/scratch/Media';
const LICENCE = 'CC-BY-SA-3.0';
const AUTHOR = 'Massachusetts Institute of Technology (Scratch team)';
const ORIGIN = `Scratch 1.4 media library, https://scratch.mit.edu (Debian ${PACKAGE.name} ${PACKAGE.version})`;

const COSTUME_FOLDERS = ['Animals', 'Things', 'Transportation'];
const SKIPPED_COSTUMES = new Set([
  'cat1-a.gif',
  'cat1-b.gif',
  'button.gif',
  'buttonPressed.gif',
  'hair1.gif',
  'hair2.gif',
]);

/** Photo cut-outs, picked by eye; the other costumes are drawings. */
const PHOTO_COSTUMES = new Set([
  ...['bird-flying.gif', 'buffalo1.gif', 'cat2.gif', 'cow1.gif', 'elephant.gif', 'grasshopper2.gif'],
  ...['insect1-a.gif', 'insect1-b.gif', 'insect2.gif', 'squirrel1.png'],
  ...['cheesy-puffs.gif', 'fire-hydrant.gif', 'flower-vase.gif', 'fortune_cookie.gif', 'fruit_platter.gif'],
  ...['lamp.gif', 'lego.gif', 'manhole.png', 'marble-building.gif', 'palmtree.gif', 'scoreboard.gif'],
  ...['tennisball.png', 'trampoline.gif', 'umbrella.gif'],
  ...['airplane.gif', 'bike.gif', 'bus.gif', 'car-blue.gif', 'car-bug.gif', 'car-cow.gif', 'sail-boat.gif'],
  ...['street-cleaner-mit.png', 'train.gif', 'tug-boat.gif', 'yacht.gif'],
]);

/** Background JPEGs that are drawings; the GIFs and PNGs are all drawings. */
const DRAWN_BACKGROUNDS = new Set([
  'Indoors/party-room.jpg',
  'Indoors/room1.jpg',
  'Indoors/room2.jpg',
  'Indoors/room3.jpg',
  'Indoors/spotlight-stage.jpg',
  'Nature/woods-and-bench.jpg',
  'Outdoors/school2.jpg',
]);

const stem = (file: string) => file.replace(/\.\w+$/, '');
/** "insect1-a" -> "insect": poses and numbering dropped, hyphens and underscores to spaces. */
const plainWords = (file: string) =>
  stem(file)
    .replace(/-[a-e]$/, '')
    .replace(/\d+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();

async function readCostumes(mediaDir: string): Promise<SourceInstance[]> {
  const instances: SourceInstance[] = [];
  for (const folder of COSTUME_FOLDERS) {
    const dir = join(mediaDir, 'Costumes', folder);
    for (const file of readdirSync(dir)
      .filter((f) => /\.(png|gif|jpg)$/.test(f))
      .sort()) {
      if (SKIPPED_COSTUMES.has(file)) continue;
      const path = join(dir, file);
      const { hasAlpha } = await sharp(path).metadata();
      instances.push({
        id: `scratch:Costumes/${folder}/${file}`,
        source: 'scratch',
        kind: PHOTO_COSTUMES.has(file) ? 'photo' : 'drawn',
        name: stem(file),
        keywords: [...new Set([plainWords(file), folder.toLowerCase()])],
        licence: LICENCE,
        author: AUTHOR,
        origin: ORIGIN,
        file: path,
        cutout: hasAlpha === true,
        // Poses of one sprite ("dog2-a", "dog2-b") show one object: a split must keep them together.
        group: `scratch:${folder}/${stem(file).replace(/-[a-e]$/, '')}`,
      });
    }
  }
  return instances;
}

function readBackgrounds(mediaDir: string): BackgroundImage[] {
  const backgrounds: BackgroundImage[] = [];
  for (const folder of ['Indoors', 'Nature', 'Outdoors', 'Sports']) {
    for (const file of readdirSync(join(mediaDir, 'Backgrounds', folder)).sort()) {
      if (!file.endsWith('.jpg') || DRAWN_BACKGROUNDS.has(`${folder}/${file}`)) continue;
      backgrounds.push({
        id: `scratch:Backgrounds/${folder}/${file}`,
        source: 'scratch',
        licence: LICENCE,
        author: AUTHOR,
        origin: ORIGIN,
        file: join(mediaDir, 'Backgrounds', folder, file),
        description: stem(file).replace(/[-_]+/g, ' ').replace(/\d+$/, '').trim(),
      });
    }
  }
  return backgrounds;
}

export async function readScratch(cacheDir: string): Promise<SourceListing> {
  const mediaDir = join(fetchDebianPackage(PACKAGE, cacheDir), MEDIA_DIR);
  return { instances: await readCostumes(mediaDir), backgrounds: readBackgrounds(mediaDir) };
}

export const scratchReader: SourceReader = { source: 'scratch', read: readScratch };
