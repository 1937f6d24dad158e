/**
 * The 3-D models of a Sweet Home 3D furniture library (`.sh3f`, a ZIP): what the renderer needs of each catalogue
 * item (model file, modelRotation, size) and the item's model folder unpacked to disk. Only the renderer's view
 * of the archive; names, licences and the rest are the source reader's (../sources/sweethome3d.ts).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import AdmZip from 'adm-zip';

export interface Sh3fModel {
  /** The catalogue's `id#N` ("Scopia#bathroom3"): stable, unlike the item number. */
  catalogueId: string;
  name: string;
  /** Path of the OBJ inside the archive, without the leading slash ("scopia/bathroom3/bathroom3.obj"). */
  modelEntry: string;
  /** Row-major 3x3 matrix, where the catalogue gives one. */
  rotation?: number[];
  dimensions: { width: number; height: number; depth: number };
}

/** Java `.properties` (ISO-8859-1 with `\uXXXX` escapes and `\` line continuations) as key-value pairs. */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      i += 1;
      line = line.slice(0, -1) + (lines[i] ?? '').trimStart();
    }
    const separator = /(?<!\\)[=:]|(?<!\\)\s/.exec(line);
    const key = separator ? line.slice(0, separator.index) : line;
    const value = separator ? line.slice(separator.index + 1).replace(/^\s*[=:]?\s*/, '') : '';
    properties.set(unescapeProperty(key), unescapeProperty(value));
  }
  return properties;
}

function unescapeProperty(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(Number.parseInt(escaped.slice(1), 16));
    return { t: '\t', n: '\n', r: '\r', f: '\f' }[escaped] ?? escaped;
  });
}

export function readSh3fModels(sh3fPath: string): Sh3fModel[] {
  const zip = new AdmZip(sh3fPath);
  const catalogue = zip.getEntry('PluginFurnitureCatalog.properties');
  if (!catalogue) throw new Error(`${sh3fPath} holds no PluginFurnitureCatalog.properties`);
  const properties = parseProperties(catalogue.getData().toString('latin1'));
  const models: Sh3fModel[] = [];
  for (let n = 1; properties.has(`id#${n}`); n++) {
    const field = (key: string) => properties.get(`${key}#${n}`);
    const model = field('model');
    if (model === undefined) continue;
    const rotation = field('modelRotation')?.trim().split(/\s+/).map(Number);
    models.push({
      catalogueId: field('id') ?? `${basename(sh3fPath)}#${n}`,
      name: field('name') ?? '',
      modelEntry: model.replace(/^\//, ''),
      rotation: rotation?.length === 9 && rotation.every(Number.isFinite) ? rotation : undefined,
      dimensions: {
        width: Number(field('width')),
        height: Number(field('height')),
        depth: Number(field('depth')),
      },
    });
  }
  return models;
}

/**
 * Unpacks the folder holding each model's OBJ (with its MTL and textures) under `destDir`, keeping archive paths,
 * once: returns the OBJ paths in the order given. Unpacks beside and renames, so a half-written folder is never
 * taken for a complete one.
 */
export function extractSh3fModels(sh3fPath: string, entries: readonly string[], destDir: string): string[] {
  const pending = entries.filter((entry) => !existsSync(join(destDir, entry)));
  if (pending.length > 0) {
    const zip = new AdmZip(sh3fPath);
    const all = zip.getEntries();
    for (const entry of pending) {
      const folder = posix.dirname(entry);
      const target = join(destDir, folder);
      const partial = `${target}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial, { recursive: true });
      for (const file of all) {
        if (file.isDirectory || posix.dirname(file.entryName) !== folder) continue;
        zip.extractEntryTo(file, partial, false, true);
      }
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
    }
  }
  return entries.map((entry) => join(destDir, entry));
}
