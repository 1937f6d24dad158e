/**
 * A contact sheet of rendered views on a checkerboard, each labelled with its model and view, so a person can see
 * at a glance what training will see: black textures, models on their side, clipped or transparent objects.
 */
import { basename, dirname } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';

const CELL = 192;
const PAD = 6;
const LABEL = 14;
const SQUARE = 12;
const CHARS = 30;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Light and mid grey squares: a cut-out's transparent parts show as checks, its dark and light parts both read. */
function checkerboard(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const shade = (Math.floor(x / SQUARE) + Math.floor(y / SQUARE)) % 2 === 0 ? 200 : 160;
      pixels.fill(shade, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return pixels;
}

/** `<folder>/<view>.png` reads as "<folder> <view>": the folder is the model's safe instance id. */
function label(path: string): string {
  const text = `${basename(dirname(path))} ${basename(path, '.png')}`;
  return text.length > CHARS ? `…${text.slice(-(CHARS - 1))}` : text;
}

export async function writeViewSheet(paths: readonly string[], outPath: string, columns = 8): Promise<void> {
  const rows = Math.max(1, Math.ceil(paths.length / columns));
  const width = columns * (CELL + PAD) + PAD;
  const height = rows * (CELL + LABEL + PAD) + PAD;
  const layers: OverlayOptions[] = [];
  const text: string[] = [];
  for (const [i, path] of paths.entries()) {
    const left = PAD + (i % columns) * (CELL + PAD);
    const top = PAD + Math.floor(i / columns) * (CELL + LABEL + PAD);
    const input = await sharp(path).resize(CELL, CELL, { fit: 'contain', background: '#0000' }).toBuffer();
    layers.push({ input, left, top });
    text.push(`<text x="${left}" y="${top + CELL + LABEL - 3}">${escapeXml(label(path))}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans" font-size="11" fill="#111">${text.join('')}</svg>`;
  layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  await sharp(checkerboard(width, height), { raw: { width, height, channels: 3 } })
    .composite(layers)
    .png()
    .toFile(outPath);
}
