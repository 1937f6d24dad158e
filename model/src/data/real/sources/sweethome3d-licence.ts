/**
 * Per-model licences of the Sweet Home 3D furniture libraries. Each `.sh3f` states one licence for the whole
 * library (its LICENSE.TXT, matching Debian's copyright file), but the Blend Swap libraries also keep the licence
 * file Blend Swap shipped with each model in that model's folder, and a few of those disagree with their library
 * (the Winchester sofa and armchair sit in the CC-0 library but were released under CC-BY 3.0). Where the two
 * differ, the more restrictive one is recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ModelLicence {
  licence: string;
  /** The model's Blend Swap page, when its licence file names one. */
  origin: string;
}

/** Most permissive first; anything not listed (share-alike, non-commercial, unknown) ranks above them all. */
const PERMISSIVENESS = ['CC0-1.0', 'CC-BY-3.0-US', 'CC-BY-3.0'];

function rank(licence: string): number {
  const index = PERMISSIVENESS.indexOf(licence);
  return index === -1 ? PERMISSIVENESS.length : index;
}

export function moreRestrictive(a: string, b: string): string {
  return rank(b) > rank(a) ? b : a;
}

/** Reads the licence Blend Swap's own file states ("Released under Creative Commons Attribution 3.0"). */
function licenceFromText(text: string): string {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  if (/non.?commercial/i.test(plain)) return 'LicenseRef-NonCommercial';
  if (/share.?alike/i.test(plain)) return 'CC-BY-SA-3.0';
  if (/Creative Commons Attribution 3\.0/i.test(plain)) return 'CC-BY-3.0';
  if (/Creative Commons Zero|\bCC-?0\b/i.test(plain)) return 'CC0-1.0';
  return 'LicenseRef-Unknown';
}

function blendSwapPage(fileName: string, text: string): string {
  const linked = /blendswap\.com\/blends\/view\/(\d+)/.exec(text)?.[1];
  const numbered = /^(\d+) - /.exec(fileName)?.[1];
  const blend = linked ?? numbered;
  return blend ? `http://www.blendswap.com/blends/view/${blend}` : '';
}

/** The licence of the model in `modelDir`, given its library's licence. */
export function modelLicence(modelDir: string, libraryLicence: string): ModelLicence {
  let licence = libraryLicence;
  let origin = '';
  for (const fileName of readdirSync(modelDir)) {
    if (!/licen[cs]e/i.test(fileName)) continue;
    const text = readFileSync(join(modelDir, fileName), 'utf8');
    licence = moreRestrictive(licence, licenceFromText(text));
    origin ||= blendSwapPage(fileName, text);
  }
  return { licence, origin };
}
