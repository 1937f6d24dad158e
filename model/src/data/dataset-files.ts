/** The files at the top of the scene folder: `classes.json` and `ATTRIBUTION.md`. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OBJECT_CLASSES } from './classes.ts';

export const ATTRIBUTION_PATH = fileURLToPath(new URL('../../ATTRIBUTION.md', import.meta.url));

export function writeDatasetFiles(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const classes = OBJECT_CLASSES.map(({ id, name, plural, synonyms, category }) => ({
    id,
    name,
    plural,
    synonyms,
    category,
  }));
  writeFileSync(join(outDir, 'classes.json'), `${JSON.stringify(classes, null, 2)}\n`);
  copyFileSync(ATTRIBUTION_PATH, join(outDir, 'ATTRIBUTION.md'));
}
