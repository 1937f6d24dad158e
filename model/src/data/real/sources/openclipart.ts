/**
 * Open Clip Art Library 0.18 (Debian `openclipart-svg`): 7,458 SVG files in category folders, plus 663 symlinks
 * that file one under a second folder; 6,970 distinct drawings. Only drawings of physical objects are read
 * (openclipart-folders.ts); each is listed once, with the keywords and folders of all its copies.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { SourceReader } from '../catalogue.ts';
import { fetchDebianPackage } from '../debian-package.ts';
import type { SourceInstance } from '../source-instance.ts';
import { isObjectFolder, isPeopleFolder } from './openclipart-folders.ts';
import { readSvgMetadata, type SvgMetadata } from './svg-metadata.ts';

const PACKAGE = { name: 'openclipart-svg', version: '1:0.18+dfsg-19' };
const ORIGIN = `http://www.openclipart.org (Debian ${PACKAGE.name} ${PACKAGE.version})`;

const PUBLIC_DOMAIN_URLS = new Set([
  'http://web.resource.org/cc/PublicDomain',
  'http://creativecommons.org/licenses/publicdomain/',
]);

/**
 * The SPDX licence, or null to skip the drawing. An empty licence element counts as the public-domain dedication
 * Debian's copyright file states for the whole collection (the library accepted only public-domain uploads).
 * GPL-tagged drawings are skipped, and so are public-domain-tagged ones whose own metadata says otherwise (a file
 * saved as "TigerLGPL", a rights holder named "copyleft"): most restrictive reading, and too few to matter.
 */
export function openClipartLicence(meta: SvgMetadata): string | null {
  const contradicted = /gpl/i.test(meta.docName) || /copyleft/i.test(`${meta.rights} ${meta.creator}`);
  if (meta.licenceUrl !== '' && !PUBLIC_DOMAIN_URLS.has(meta.licenceUrl)) return null;
  return contradicted ? null : 'LicenseRef-PublicDomain';
}

/** Every SVG path (files and symlinks) under `dir`, relative to `root`. */
function listSvgs(root: string, dir = root): string[] {
  const paths: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...listSvgs(root, path));
    else if (entry.name.endsWith('.svg')) paths.push(relative(root, path));
  }
  return paths.sort();
}

/**
 * Identifies the drawing itself: copies of one drawing in two folders differ only in their metadata (keywords,
 * Inkscape's save path), and two copies listed as two instances could land one in train and one in test.
 */
function drawingHash(svg: string): string {
  const drawing = svg
    .replace(/<metadata\b.*?<\/metadata>/gs, '')
    .replace(/sodipodi:docbase="[^"]*"|sodipodi:docname="[^"]*"/g, '')
    .replace(/\s+/g, ' ');
  return createHash('sha1').update(drawing).digest('hex');
}

interface Copy {
  path: string;
  folder: string;
  meta: SvgMetadata;
}

/** Every copy of every drawing, grouped by drawing; symlinks are copies of their target. */
function groupCopies(svgRoot: string): Copy[][] {
  const byHash = new Map<string, Copy[]>();
  const hashOfFile = new Map<string, { hash: string; meta: SvgMetadata }>();
  for (const path of listSvgs(svgRoot)) {
    const real = realpathSync(join(svgRoot, path));
    let read = hashOfFile.get(real);
    if (!read) {
      const svg = readFileSync(real, 'utf8');
      read = { hash: drawingHash(svg), meta: readSvgMetadata(svg) };
      hashOfFile.set(real, read);
    }
    const copy = { path: relative(svgRoot, real), folder: dirname(path), meta: read.meta };
    byHash.set(read.hash, [...(byHash.get(read.hash) ?? []), copy]);
  }
  return [...byHash.values()];
}

function folderWords(folder: string): string[] {
  return folder.split('/').map((segment) => segment.replaceAll('_', ' '));
}

/** The file name often names the object where the title is a batch upload's ("svg road signs" for airplane.svg). */
function fileWords(path: string): string {
  return basename(path, '.svg').replace(/[_-]+/g, ' ').trim();
}

/** Road-sign pictograms also sit outside the road-sign folder; like it, they are symbols rather than objects. */
function isRoadSign(meta: SvgMetadata): boolean {
  return [meta.title, ...meta.subjects].some((text) => /\broad ?signs?\b/i.test(text));
}

/** One instance for a drawing, or null when it is not an object, has no title, or has no usable licence. */
function drawingInstance(copies: Copy[], svgRoot: string): SourceInstance | null {
  const folders = copies.map((c) => c.folder);
  if (!folders.some(isObjectFolder) || folders.some(isPeopleFolder)) return null;
  if (copies.some((c) => isRoadSign(c.meta))) return null;
  const licences = copies.map((c) => openClipartLicence(c.meta));
  if (licences.includes(null)) return null;
  // The first copy in an object folder names the drawing, so an id does not move when a duplicate is added.
  const main = copies.find((c) => isObjectFolder(c.folder) && c.meta.title !== '');
  if (!main) return null;
  const keywords = copies.flatMap((c) => [...c.meta.subjects, fileWords(c.path), ...folderWords(c.folder)]);
  return {
    id: `openclipart:${main.path}`,
    source: 'openclipart',
    kind: 'drawn',
    name: main.meta.title,
    keywords: [...new Set(keywords)],
    licence: 'LicenseRef-PublicDomain',
    author: main.meta.creator || main.meta.rights,
    origin: ORIGIN,
    file: join(svgRoot, main.path),
    cutout: true,
  };
}

export function readOpenClipart(cacheDir: string): SourceInstance[] {
  const svgRoot = join(fetchDebianPackage(PACKAGE, cacheDir), 'usr/share/openclipart/svg');
  const instances: SourceInstance[] = [];
  for (const copies of groupCopies(svgRoot)) {
    const instance = drawingInstance(copies, svgRoot);
    if (instance) instances.push(instance);
  }
  return instances.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export const openClipartReader: SourceReader = {
  source: 'openclipart',
  read: (cacheDir) => ({ instances: readOpenClipart(cacheDir), backgrounds: [] }),
};
