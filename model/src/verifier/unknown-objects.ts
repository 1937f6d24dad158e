/**
 * Unknown-object images for the verifier's outlier exposure: emoji of things the model has no class for (an
 * abacus, an alien, an anchor), drawn from the training art sets only (never the held-out test-style family) on
 * plain and gradient backgrounds. The right alt text for them is none (the model has no words for them), so every
 * caption the captioner gives them is wrong, and the verifier learns what its features look like when the model
 * sees something it does not know. Written in the split layout with `objects: [{class: "unknown:<icon>"}]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { OBJECT_CLASSES } from '../data/classes.ts';
import { iconSvg, loadIconSet } from '../data/icons.ts';
import { hashUnit, Rng } from '../data/rng.ts';
import type { StyleId } from '../data/styles.ts';
import type { ObjectClassEntry } from '../eval/metrics/index.ts';

/** Training sets with the CLDR icon names (fxemoji and Streamline name icons their own way). */
const UNKNOWN_STYLES: readonly StyleId[] = ['twemoji', 'noto', 'noto-v1', 'emojione'];

/** Icon kinds that are variants of one another or not things (skin tones, flags, letters in boxes). */
const SKIPPED = /skin-tone|^flag|button|keycap|^regional|^(man|woman|person|people|family|couple)-/;

/** Image id offsets, clear of the scene (1-4 M) and non-object (5-7 M) splits, 7 digits like their file names. */
export const UNKNOWN_SPLITS = {
  'train-unknown': 8_000_000,
  'val-unknown': 9_000_000,
  'test-unknown': 9_500_000,
} as const;
export type UnknownSplit = keyof typeof UNKNOWN_SPLITS;

/**
 * Icon names no known class uses and whose words are not class words ("red-apple" holds "apple": left out, it is
 * an apple; "trolleybus" ends in "bus"). Split by icon: a tenth each to val-unknown and test-unknown, the rest to
 * train-unknown, so no split's things appear in another.
 */
export function unknownIcons(
  style: StyleId,
  known: readonly ObjectClassEntry[],
  split: UnknownSplit,
): string[] {
  const words = new Set(
    known.flatMap((c) => [c.name, c.plural, ...c.synonyms]).flatMap((w) => w.toLowerCase().split(/[\s-]+/)),
  );
  const used = new Set(OBJECT_CLASSES.flatMap((c) => Object.values(c.icons)));
  return Object.keys(loadIconSet(style).icons)
    .filter((name) => !used.has(name) && !SKIPPED.test(name))
    .filter((name) => !name.split('-').some((word) => isClassWord(word, words)))
    .filter((name) => iconSplit(name) === split)
    .sort();
}

function iconSplit(name: string): UnknownSplit {
  const u = hashUnit('unknown-icon', name);
  return u < 0.1 ? 'val-unknown' : u < 0.2 ? 'test-unknown' : 'train-unknown';
}

/** A class word, its plural or singular, or a compound ending in one ("trolleybus" is a bus). */
function isClassWord(word: string, classWords: ReadonlySet<string>): boolean {
  if (classWords.has(word) || classWords.has(`${word}s`) || classWords.has(word.replace(/e?s$/, '')))
    return true;
  for (const known of classWords) if (known.length >= 3 && word.endsWith(known)) return true;
  return false;
}

function background(rng: Rng, size: number): string {
  const colour = () => `hsl(${rng.int(0, 359)} ${rng.int(10, 70)}% ${rng.int(35, 95)}%)`;
  if (rng.chance(0.6)) return `<rect width="${size}" height="${size}" fill="${colour()}"/>`;
  return `<defs><linearGradient id="g" x1="0" y1="0" x2="${rng.int(0, 1)}" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs><rect width="${size}" height="${size}" fill="url(#g)"/>`;
}

export interface UnknownSplitOptions {
  outDir: string;
  split: UnknownSplit;
  count: number;
  size: number;
  seed: number;
  /** The model's classes (the data folder's classes.json): icons naming one of them are left out. */
  known: readonly ObjectClassEntry[];
}

/** Writes `count` images of one or two unknown things each, with captions and scenes files. */
export async function writeUnknownSplit(options: UnknownSplitOptions): Promise<number> {
  const { outDir, split, count, size, seed, known } = options;
  const dir = join(outDir, split);
  mkdirSync(join(dir, 'images'), { recursive: true });
  const pools = UNKNOWN_STYLES.map((style) => ({ style, icons: unknownIcons(style, known, split) }));
  const images: { id: number; file_name: string; width: number; height: number }[] = [];
  const scenes: { image_id: number; style: string; objects: { class: string; count: number }[] }[] = [];
  for (let i = 0; i < count; i++) {
    const rng = new Rng(seed * 1_000_003 + i + UNKNOWN_SPLITS[split]);
    const { style, icons } = rng.pick(pools);
    const things = rng.chance(0.7) ? 1 : 2;
    const parts = [background(rng, size)];
    const objects: { class: string; count: number }[] = [];
    for (let k = 0; k < things; k++) {
      const name = rng.pick(icons);
      const side = Math.round(size * (things === 1 ? rng.range(0.45, 0.8) : rng.range(0.3, 0.45)));
      const x = rng.int(0, size - side);
      const y = rng.int(0, size - side);
      parts.push(`<g transform="translate(${x} ${y})">${iconSvg(style, name, side)}</g>`);
      objects.push({ class: `unknown:${name}`, count: 1 });
    }
    const id = UNKNOWN_SPLITS[split] + i;
    const file = `${String(id).padStart(7, '0')}.png`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">${parts.join('')}</svg>`;
    await sharp(Buffer.from(svg))
      .flatten({ background: '#ffffff' })
      .png()
      .toFile(join(dir, 'images', file));
    images.push({ id, file_name: file, width: size, height: size });
    scenes.push({ image_id: id, style, objects });
  }
  const annotations = images.map((image, n) => ({
    id: n,
    image_id: image.id,
    caption: 'something the model has no words for',
  }));
  writeFileSync(
    join(dir, `captions_${split}.json`),
    JSON.stringify({ info: { description: 'unknown objects' }, images, annotations }),
  );
  writeFileSync(join(dir, `scenes_${split}.json`), JSON.stringify(scenes));
  return images.length;
}
