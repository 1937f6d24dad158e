/**
 * GCompris (Debian gcompris-qt-data 3.1-2): about 140 photos of tools, household objects, fish and animals,
 * and landmark, scenery and underwater photos for backgrounds. The activities keep their images inside Qt
 * resource bundles, so the photos are read out of the `.rcc` files and written under the cache; licences come
 * from the README beside each folder inside the bundle (Debian's copyright file is out of date for them).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fetchDebianPackage } from '../debian-package.ts';
import type { BackgroundImage, SourceInstance } from '../source-instance.ts';
import { type Credit, parseCredits } from './gcompris-credits.ts';
import { categoryBoard, exploreBoardWords } from './gcompris-qml.ts';
import { type ResourceFile, readQtResource } from './qt-resource.ts';
import { hasTransparentSurround } from './transparency.ts';

export const GCOMPRIS_PACKAGE = { name: 'gcompris-qt-data', version: '3.1-2' };
const SOURCE = 'gcompris';
const ACTIVITIES = 'gcompris/src/activities/';

interface Folder {
  bundle: string;
  /** Bundle path of the folder; photos may sit in its subfolders (explore_monuments has one per country). */
  folder: string;
  /** Which files of the folder to take, by name; default every raster image. */
  only?: RegExp;
  /** Words put before a background's file-name description, where the name alone does not say it. */
  describe?: string;
}

const RASTER = /\.(webp|png|jpe?g)$/i;
const activity = (path: string): string => `${ACTIVITIES}${path}`;

/** The object photos: tools, household objects ("others"), fish, and three animal activities. */
const PHOTO_FOLDERS: Folder[] = [
  { bundle: 'categorization.rcc', folder: activity('categorization/resource/images/tools') },
  { bundle: 'categorization.rcc', folder: activity('categorization/resource/images/others') },
  { bundle: 'categorization.rcc', folder: activity('categorization/resource/images/fishes') },
  { bundle: 'erase.rcc', folder: activity('erase/resource') },
  { bundle: 'explore_farm_animals.rcc', folder: activity('explore_farm_animals/resource/animals') },
  { bundle: 'explore_world_animals.rcc', folder: activity('explore_world_animals/resource/animals') },
];

/** Landmarks, energy scenery (dams, windmills, solar) and underwater views; PD or CC0 ones become backgrounds. */
const BACKGROUND_FOLDERS: Folder[] = [
  // First: where categorization has the same photo (three landmarks), explore_monuments has it at 1024 px, not 320.
  { bundle: 'explore_monuments.rcc', folder: activity('explore_monuments/resource') },
  { bundle: 'categorization.rcc', folder: activity('categorization/resource/images/monuments') },
  { bundle: 'categorization.rcc', folder: activity('categorization/resource/images/renewable') },
  // The other clickgame pictures are xfishtank's drawn fish sprites, not photos.
  {
    bundle: 'clickgame.rcc',
    folder: activity('clickgame/resource'),
    only: /^sea\d+\.webp$/,
    describe: 'underwater',
  },
];

/**
 * README entries whose file name is misspelt, to the file they credit (the only entry without a file and the
 * only file without an entry, in each folder): the tools README credits Commons' "Schraubenzieher.jpg" to
 * "screDriver.webp"; explore_monuments credits Trier's Konstantinbasilika, the Aula Palatina, to "audaPalatina".
 */
const README_TYPOS = new Map([
  [activity('categorization/resource/images/tools/screDriver.webp'), 'screwDriver.webp'],
  [activity('explore_monuments/resource/germany/audaPalatina.webp'), 'aulaPalatina.webp'],
]);

const BACKGROUND_LICENCES = new Set(['LicenseRef-PublicDomain', 'CC0-1.0']);

/** One bundle read once: its files, the credits of every README in it, and the words its boards give photos. */
interface Bundle {
  files: ResourceFile[];
  credits: Map<string, Credit>;
  words: Map<string, string[]>;
}

export async function readGcompris(
  cacheDir: string,
): Promise<{ instances: SourceInstance[]; backgrounds: BackgroundImage[] }> {
  const root = resolve(fetchDebianPackage(GCOMPRIS_PACKAGE, cacheDir));
  const bundles = new Map<string, Bundle>();
  const bundle = (name: string): Bundle => {
    const known = bundles.get(name);
    if (known) return known;
    const read = readBundle(join(root, 'usr/share/gcompris-qt/rcc', name));
    bundles.set(name, read);
    return read;
  };
  // The same photo is shipped by more than one activity (the Brandenburg Gate in two, resized): list it once.
  const seen = new Set<string>();

  const instances: SourceInstance[] = [];
  for (const spec of PHOTO_FOLDERS) {
    const { files, credits, words } = bundle(spec.bundle);
    for (const file of photosOf(files, spec)) {
      const bytes = file.read();
      const credit = credited(file.path, credits);
      if (!firstSighting(seen, bytes, credit.origin)) continue;
      instances.push({
        ...credit,
        kind: 'photo',
        name: wordsFromFileName(basename(file.path)),
        keywords: words.get(file.path) ?? [],
        file: extract(root, file.path, bytes),
        cutout: await hasTransparentSurround(bytes),
      });
    }
  }

  const backgrounds: BackgroundImage[] = [];
  for (const spec of BACKGROUND_FOLDERS) {
    const { files, credits } = bundle(spec.bundle);
    for (const file of photosOf(files, spec)) {
      const credit = credited(file.path, credits);
      if (!BACKGROUND_LICENCES.has(credit.licence)) continue;
      const bytes = file.read();
      if (!firstSighting(seen, bytes, credit.origin)) continue;
      const words = wordsFromFileName(basename(file.path));
      const description = spec.describe ? `${spec.describe} ${words}` : words;
      backgrounds.push({ ...credit, file: extract(root, file.path, bytes), description });
    }
  }
  return { instances, backgrounds };
}

function readBundle(path: string): Bundle {
  const files = readQtResource(path);
  const credits = new Map<string, Credit>();
  const words = new Map<string, string[]>();
  const categories = new Map<string, string>();
  for (const file of files) {
    if (basename(file.path) === 'README') {
      const folder = dirname(file.path);
      for (const [listed, credit] of parseCredits(file.read().toString('utf8'), `${path}: ${file.path}`)) {
        const full = `${folder}/${listed}`;
        const fixed = README_TYPOS.get(full);
        credits.set(fixed ? `${dirname(full)}/${fixed}` : full, credit);
      }
    } else if (file.path.endsWith('.qml') && file.path.includes('/resource/board/')) {
      const qml = file.read().toString('utf8');
      for (const [photo, texts] of exploreBoardWords(qml)) words.set(photo, texts);
      const category = categoryBoard(qml);
      if (category) categories.set(category.folder, category.name);
    }
  }
  // A categorization lesson's name is the category of every photo in its folder.
  for (const file of files) {
    const category = categories.get(dirname(file.path));
    if (category && RASTER.test(file.path)) words.set(file.path, [category, ...(words.get(file.path) ?? [])]);
  }
  return { files, credits, words };
}

function photosOf(files: ResourceFile[], spec: Folder): ResourceFile[] {
  const photos = files
    .filter((f) => f.path.startsWith(`${spec.folder}/`) && RASTER.test(f.path))
    .filter((f) => !spec.only || spec.only.test(basename(f.path)))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (photos.length === 0)
    throw new Error(`${spec.bundle}: no photos under ${spec.folder}; has the layout changed?`);
  return photos;
}

/** id, source and the README's credit; a photo no README names is of unknown licence (evaluation only). */
function credited(path: string, credits: Map<string, Credit>) {
  const credit = credits.get(path);
  const pkg = `Debian ${GCOMPRIS_PACKAGE.name} ${GCOMPRIS_PACKAGE.version}`;
  return {
    id: `${SOURCE}:${path.replace(ACTIVITIES, '')}`,
    source: SOURCE,
    licence: credit?.licence ?? 'LicenseRef-Unknown',
    author: credit?.author ?? '',
    origin: credit?.source || `${pkg}: ${path}`,
  };
}

/** A photo is the same as one listed before when its bytes are, or its origin (the README's source URL) is. */
function firstSighting(seen: Set<string>, bytes: Buffer, origin: string): boolean {
  const keys = [createHash('sha256').update(bytes).digest('hex'), origin];
  if (keys.some((key) => seen.has(key))) return false;
  for (const key of keys) seen.add(key);
  return true;
}

/** Writes the file under `<package>/extracted/` once; written beside and renamed, so a partial file never stays. */
function extract(root: string, path: string, bytes: Buffer): string {
  const target = join(root, 'extracted', path);
  if (existsSync(target) && statSync(target).size === bytes.length) return target;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.partial`, bytes);
  renameSync(`${target}.partial`, target);
  return target;
}

/**
 * `measuringTape1.webp` -> "measuring tape", `polar_bear.webp` -> "polar bear", `chateaudeChambord` ->
 * "chateau de chambord": the numbers only tell photos of one thing apart, and the landmark names glue a
 * lower-case "of"/"de"/"du"/"des" to the word before.
 */
export function wordsFromFileName(file: string): string {
  return file
    .replace(/\.[a-z]+$/i, '')
    .replace(/\d+$/, '')
    .replace(/(?<=[a-z]{3})(of|de|du|des)(?=[A-Z])/g, ' $1')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** The catalogue's reader (`SourceReader` in ../catalogue.ts, matched by shape). */
export const gcomprisReader = { source: SOURCE, read: readGcompris };
