/**
 * The files at the top of a non-object data folder. `classes.json` is the scene data set's own (the grounded
 * metrics read it to find object words in captions); `ATTRIBUTION.md` says whose the pages are, since the
 * scene folder's one credits emoji art that no screenshot contains.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECT_CLASSES } from '../classes.ts';

const ATTRIBUTION = `# Non-object screenshots

Every image is a Chromium screenshot of a page this project generated (model/src/data/nonobject/): its HTML,
CSS, SVG charts and pseudo-English text come from the generator's own code and word list. No third-party text,
art or icons are in any page. The only font is DejaVu (Debian's fonts-dejavu-core, a free licence that allows
rendering and distribution of rendered images).
`;

export function writeNonObjectDatasetFiles(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const classes = OBJECT_CLASSES.map(({ id, name, plural, synonyms, category }) => ({
    id,
    name,
    plural,
    synonyms,
    category,
  }));
  writeFileSync(join(outDir, 'classes.json'), `${JSON.stringify(classes, null, 2)}\n`);
  writeFileSync(join(outDir, 'ATTRIBUTION.md'), ATTRIBUTION);
}
