/**
 * Sweet Home 3D's extra furniture libraries (Debian `sweethome3d-furniture`): 820 realistic 3-D models, each with
 * a 128x128 rendered icon with alpha. Each `.sh3f` is a ZIP holding `PluginFurnitureCatalog.properties`, whose
 * `name#N`, `category#N`, `icon#N`, `model#N` and `creator#N` describe item N; the library's LICENSE.TXT (and for
 * Blend Swap models a licence file beside each model) states the licence.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { SourceInstance } from '../source-instance.ts';
import { parseJavaProperties } from './java-properties.ts';
import { modelLicence, moreRestrictive } from './sweethome3d-licence.ts';

const PACKAGE = { name: 'sweethome3d-furniture', version: '1.8-1' };
const ORIGIN = 'http://www.sweethome3d.com/importModels.jsp';

interface FurnitureLibrary {
  /** SPDX form of the library's LICENSE.TXT, checked against Debian's copyright file. */
  licence: string;
  /** Whom the library's licence says to credit; null where each item's `creator#N` names its author. */
  credit: ((modelFolder: string) => string) | null;
}

const LIBRARIES: Record<string, FurnitureLibrary> = {
  'BlendSwap-CC-0': { licence: 'CC0-1.0', credit: null },
  'BlendSwap-CC-BY': { licence: 'CC-BY-3.0', credit: null },
  KatorLegaz: { licence: 'CC-BY-3.0-US', credit: () => 'Andrew Kator & Jennifer Legaz' },
  Reallusion: { licence: 'CC-BY-3.0-US', credit: () => 'Reallusion' },
  Scopia: { licence: 'CC-BY-3.0', credit: null },
};

/**
 * Unzips a library once under the package folder, keeping the ZIP's folder layout (models find their textures).
 * Test files run in parallel on a fresh cache, so each process unzips into its own folder, marks it complete
 * and renames it into place; whoever renames second finds the work done.
 */
function extractLibrary(sh3f: string, packageRoot: string): string {
  const target = join(packageRoot, 'extracted', basename(sh3f, '.sh3f'));
  const done = join(target, '.extracted');
  if (existsSync(done)) return target;
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  new AdmZip(sh3f).extractAllTo(partial, true);
  writeFileSync(join(partial, '.extracted'), `${basename(sh3f)}\n`);
  try {
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  } catch (error) {
    if (!existsSync(done)) throw error;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return target;
}

/**
 * Scopia's LICENSE.TXT credits eTeks together with Scopia for a listed set of models (by folder name) and Scopia
 * alone for the rest.
 */
function scopiaCredit(libraryDir: string): (modelFolder: string) => string {
  const text = readFileSync(join(libraryDir, 'LICENSE.TXT'), 'latin1');
  const listed = new Set([...text.matchAll(/^- (\S+)\s*$/gm)].map((m) => m[1]));
  return (folder) =>
    listed.has(folder)
      ? 'Emmanuel Puybaret / eTeks and Scopia Visual Interfaces Systems, s.l.'
      : 'Scopia Visual Interfaces Systems, s.l.';
}

function numbers(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const values = text.trim().split(/\s+/).map(Number);
  return values.every(Number.isFinite) ? values : undefined;
}

function readLibrary(libraryName: string, library: FurnitureLibrary, libraryDir: string): SourceInstance[] {
  // Java properties files are ISO-8859-1; non-Latin-1 text is written as \u escapes.
  const props = parseJavaProperties(
    readFileSync(join(libraryDir, 'PluginFurnitureCatalog.properties'), 'latin1'),
  );
  const credit = library.credit ?? (libraryName === 'Scopia' ? scopiaCredit(libraryDir) : null);
  const instances: SourceInstance[] = [];
  for (let n = 1; props.has(`id#${n}`); n++) {
    const get = (key: string) => props.get(`${key}#${n}`);
    const icon = get('icon');
    const model = get('model');
    const name = get('name');
    if (!icon || !model || !name) throw new Error(`${libraryName}.sh3f: item ${n} lacks icon, model or name`);
    const modelDir = join(libraryDir, dirname(model));
    const own = modelLicence(modelDir, library.licence);
    const size = numbers(`${get('width')} ${get('depth')} ${get('height')}`);
    const [width, depth, height] = size ?? [];
    const category = get('category') ?? '';
    // Tags repeat the library's own name ("Blend Swap"), which says nothing about the object.
    const tags = (get('tags') ?? '').split(',').map((t) => t.trim());
    const keywords = [category, ...tags].filter((k) => k !== '' && k !== 'Blend Swap');
    instances.push({
      id: `sweethome3d:${get('id') ?? `${libraryName}#${n}`}`,
      source: 'sweethome3d',
      kind: 'render',
      name,
      keywords: [...new Set(keywords)],
      licence: moreRestrictive(library.licence, own.licence),
      author: credit ? credit(basename(modelDir)) : (get('creator') ?? ''),
      origin: own.origin || `${ORIGIN} (Debian ${PACKAGE.name} ${PACKAGE.version}, ${libraryName}.sh3f)`,
      file: join(libraryDir, icon),
      cutout: true,
      model: join(libraryDir, model),
      ...(numbers(get('modelRotation')) ? { modelRotation: numbers(get('modelRotation')) } : {}),
      ...(width !== undefined && depth !== undefined && height !== undefined
        ? { dimensionsCm: { width, depth, height } }
        : {}),
    });
  }
  return instances;
}

export function readSweetHome3d(cacheDir: string): SourceInstance[] {
  const root = fetchDebianPackage(PACKAGE, cacheDir);
  const furnitureDir = join(root, 'usr/share/sweethome3d/furniture');
  const instances: SourceInstance[] = [];
  for (const file of readdirSync(furnitureDir)
    .filter((f) => f.endsWith('.sh3f'))
    .sort()) {
    const libraryName = basename(file, '.sh3f');
    const library = LIBRARIES[libraryName];
    // The version is pinned, so a library we have not checked the licence of means the package changed.
    if (!library) throw new Error(`${file}: no licence recorded for this Sweet Home 3D library`);
    instances.push(...readLibrary(libraryName, library, extractLibrary(join(furnitureDir, file), root)));
  }
  return instances;
}

export const sweetHome3dReader: SourceReader = {
  source: 'sweethome3d',
  read: (cacheDir) => ({ instances: readSweetHome3d(cacheDir), backgrounds: [] }),
};
