/**
 * `<split>/contact-sheet.png`: the first pages of a split, each fitted into a cell with its aspect kept, two
 * of its captions and its kind, layout and theme under it, so a person can check pages and captions by eye.
 * Apart from model/src/data/contact-sheet.ts because that one squares every image and reads scene records.
 */
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { imageFileName } from '../records.ts';
import { escapeHtml } from './html.ts';
import type { RenderedPage } from './records.ts';

const COLUMNS = 6;
const SAMPLES = 30;
const CELL = 256;
const PAD = 8;
const LINE = 15;
const TEXT_LINES = 5;
const CHARS_PER_LINE = 38;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + 1 + word.length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

export async function writePageContactSheet(splitDir: string, pages: readonly RenderedPage[]): Promise<void> {
  const samples = pages.slice(0, SAMPLES);
  const rows = Math.max(1, Math.ceil(samples.length / COLUMNS));
  const cellHeight = CELL + PAD + TEXT_LINES * LINE + PAD;
  const width = COLUMNS * (CELL + PAD) + PAD;
  const height = rows * cellHeight + PAD;
  const layers: OverlayOptions[] = [];
  const text: string[] = [];
  for (const [i, { scene, page, captions }] of samples.entries()) {
    const left = PAD + (i % COLUMNS) * (CELL + PAD);
    const top = PAD + Math.floor(i / COLUMNS) * cellHeight;
    const input = await sharp(join(splitDir, 'images', imageFileName(scene.image_id)))
      .resize(CELL, CELL, { fit: 'contain', background: '#9a9a9a', kernel: 'nearest' })
      .toBuffer();
    layers.push({ input, left, top });
    const captionLines = captions.slice(0, 2).flatMap((caption, n) => wrap(`${n + 1}. ${caption}`));
    const design = `${page.kind}/${page.layout} · ${page.theme}${page.test_only ? ' · test-only' : ''}`;
    const lines = [...captionLines.slice(0, TEXT_LINES - 1), design];
    for (const [n, line] of lines.entries()) {
      const fill = n === lines.length - 1 ? (page.test_only ? '#b03000' : '#777777') : '#111111';
      const y = top + CELL + PAD + (n + 1) * LINE - 3;
      text.push(`<text x="${left}" y="${y}" fill="${fill}">${escapeHtml(line)}</text>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans" font-size="12">${text.join('')}</svg>`;
  layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toFile(join(splitDir, 'contact-sheet.png'));
}
