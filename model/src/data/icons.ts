/** Reads the iconify art sets and turns one icon into a square SVG at a given pixel size. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IconifyJSON } from '@iconify/types';
import { getIconData, iconToHTML, iconToSVG, replaceIDs } from '@iconify/utils';
import type { StyleId } from './styles.ts';

const require = createRequire(import.meta.url);
const loaded = new Map<StyleId, IconifyJSON>();

/** The icon set's JSON (tens of MB for noto): loaded once, only by whoever rasterises or checks icons. */
export function loadIconSet(style: StyleId): IconifyJSON {
  const cached = loaded.get(style);
  if (cached) return cached;
  const path = require.resolve(`@iconify-json/${style}/icons.json`);
  const set = JSON.parse(readFileSync(path, 'utf8')) as IconifyJSON;
  loaded.set(style, set);
  return set;
}

export function iconExists(style: StyleId, name: string): boolean {
  return getIconData(loadIconSet(style), name) !== null;
}

/** The package version, part of the sprite cache key so an art update re-rasterises. */
export function iconSetVersion(style: StyleId): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`@iconify-json/${style}/package.json`), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** A square SVG of `size` px; non-square icons are centred by the viewBox (iconify keeps aspect). */
export function iconSvg(style: StyleId, name: string, size: number): string {
  const data = getIconData(loadIconSet(style), name);
  if (data === null) throw new Error(`icon ${style}:${name} does not exist; fix model/src/data/classes.ts`);
  const svg = iconToSVG(data, { width: size, height: size });
  return iconToHTML(replaceIDs(svg.body), svg.attributes);
}
