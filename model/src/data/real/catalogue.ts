/**
 * The catalogue of every real-world object picture and background the source readers list, written once to
 * `<cacheDir>/catalogue.json` so the class mapping and scene composer read one file instead of re-reading
 * thousands of SVGs and ZIPs. Adding a source is one line in READERS.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackgroundImage, SourceInstance } from './source-instance.ts';
import { gcomprisReader } from './sources/gcompris.ts';
import { lomiriWallpapersReader } from './sources/lomiri-wallpapers.ts';
import { mateBackgroundsReader } from './sources/mate-backgrounds.ts';
import { mypaintPapersReader } from './sources/mypaint-papers.ts';
import { openClipartReader } from './sources/openclipart.ts';
import { plasmaWallpapersReader } from './sources/plasma-wallpapers.ts';
import { pmndrsPanoramasReader } from './sources/pmndrs-panoramas.ts';
import { scratchReader } from './sources/scratch.ts';
import { skimageReader } from './sources/skimage.ts';
import { sweetHome3dReader } from './sources/sweethome3d.ts';

/** Bump when a reader changes what it lists, so an old catalogue.json is rebuilt rather than reused. */
export const CATALOGUE_VERSION = 1;

export interface SourceListing {
  instances: SourceInstance[];
  backgrounds: BackgroundImage[];
}

export interface SourceReader {
  /** Matches the `source` field of what it lists. */
  source: string;
  /** Fetches what it needs under `cacheDir` (once) and lists its pictures with absolute paths. */
  read(cacheDir: string): SourceListing | Promise<SourceListing>;
}

export const READERS: SourceReader[] = [
  sweetHome3dReader,
  openClipartReader,
  gcomprisReader,
  skimageReader,
  scratchReader,
  lomiriWallpapersReader,
  mypaintPapersReader,
  pmndrsPanoramasReader,
  plasmaWallpapersReader,
  mateBackgroundsReader,
];

export interface Catalogue extends SourceListing {
  version: number;
  /** Absolute cache folder the paths point into: a catalogue copied from elsewhere is rebuilt, not trusted. */
  cacheDir: string;
  /** The readers that made it, in order: adding or removing one rebuilds the catalogue without a version bump. */
  sources: string[];
}

export interface CatalogueProgress {
  source: string;
  /** Readers finished so far, out of `total`. */
  done: number;
  total: number;
}

function readExisting(file: string, cacheDir: string, sources: string[]): Catalogue | null {
  if (!existsSync(file)) return null;
  const parsed: Partial<Catalogue> = JSON.parse(readFileSync(file, 'utf8'));
  if (parsed.version !== CATALOGUE_VERSION || parsed.cacheDir !== cacheDir) return null;
  if (parsed.sources?.join('\n') !== sources.join('\n')) return null;
  if (!Array.isArray(parsed.instances) || !Array.isArray(parsed.backgrounds)) return null;
  return {
    ...parsed,
    version: CATALOGUE_VERSION,
    cacheDir,
    sources,
    instances: parsed.instances,
    backgrounds: parsed.backgrounds,
  };
}

/** Ids name pictures in splits and attribution files, so two pictures under one id would be a silent mix-up. */
function assertUniqueIds(catalogue: Catalogue): void {
  const seen = new Set<string>();
  for (const { id } of [...catalogue.instances, ...catalogue.backgrounds]) {
    if (seen.has(id)) throw new Error(`catalogue: two pictures share the id ${id}`);
    seen.add(id);
  }
}

export async function buildCatalogue(
  cacheDirArg: string,
  onProgress?: (progress: CatalogueProgress) => void,
  readers: SourceReader[] = READERS,
): Promise<Catalogue> {
  const cacheDir = resolve(cacheDirArg);
  const file = join(cacheDir, 'catalogue.json');
  const sources = readers.map((r) => r.source);
  const existing = readExisting(file, cacheDir, sources);
  if (existing) return existing;
  mkdirSync(cacheDir, { recursive: true });
  const catalogue: Catalogue = {
    version: CATALOGUE_VERSION,
    cacheDir,
    sources,
    instances: [],
    backgrounds: [],
  };
  for (const [index, reader] of readers.entries()) {
    onProgress?.({ source: reader.source, done: index, total: readers.length });
    const listing = await reader.read(cacheDir);
    catalogue.instances.push(...listing.instances);
    catalogue.backgrounds.push(...listing.backgrounds);
  }
  onProgress?.({ source: '', done: readers.length, total: readers.length });
  assertUniqueIds(catalogue);
  // Written beside and renamed, so a reader that crashes half-way never leaves a catalogue that looks complete.
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, JSON.stringify(catalogue));
  renameSync(partial, file);
  return catalogue;
}
