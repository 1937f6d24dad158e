/** The files at the top of the scene folder: `classes.json` and `ATTRIBUTION.md`. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OBJECT_CLASSES } from './classes.ts';

export const ATTRIBUTION_PATH = fileURLToPath(new URL('../../ATTRIBUTION.md', import.meta.url));

interface ClassEntry {
  id: string;
  name: string;
  plural: string;
  synonyms: readonly string[];
  category: string;
}

function entries(classes: readonly ClassEntry[]): ClassEntry[] {
  return classes.map(({ id, name, plural, synonyms, category }) => ({
    id,
    name,
    plural,
    synonyms,
    category,
  }));
}

/**
 * `classes` is the folder's whole class list (the emoji classes first); without it the emoji classes are
 * written, unless the folder already lists more (real-world splits were generated into it), which is kept:
 * regenerating an emoji split must not shrink the vocabulary the other splits are scored with.
 */
export function writeDatasetFiles(outDir: string, classes?: readonly ClassEntry[]): void {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'classes.json');
  if (classes === undefined && existsSync(path)) {
    const existing = JSON.parse(readFileSync(path, 'utf8')) as ClassEntry[];
    if (existing.length > OBJECT_CLASSES.length && OBJECT_CLASSES.every((c, i) => existing[i]?.id === c.id))
      return;
  }
  writeFileSync(path, `${JSON.stringify(entries(classes ?? OBJECT_CLASSES), null, 2)}\n`);
  copyFileSync(ATTRIBUTION_PATH, join(outDir, 'ATTRIBUTION.md'));
}
