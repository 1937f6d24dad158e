/**
 * `<split>/contact-sheet.png`: the first scenes of a split, enlarged, each with two of its captions and its
 * style and background written under it, so a person can check objects and captions by eye.
 */
import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { imageFileName } from './records.ts';
import type { RenderedImage } from './render-batch.ts';

const COLUMNS = 6;
const SAMPLES = 24;
const CELL = 256;
const PAD = 8;
const LINE = 15;
const TEXT_LINES = 6;
const CHARS_PER_LINE = 38;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + 1 + word.length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

export async function writeContactSheet(splitDir: string, images: readonly RenderedImage[]): Promise<void> {
  const samples = images.slice(0, SAMPLES);
  const rows = Math.ceil(samples.length / COLUMNS);
  const cellHeight = CELL + PAD + TEXT_LINES * LINE + PAD;
  const width = COLUMNS * (CELL + PAD) + PAD;
  const height = Math.max(1, rows) * cellHeight + PAD;
  const layers: OverlayOptions[] = [];
  const text: string[] = [];
  for (const [i, { record, captions }] of samples.entries()) {
    const left = PAD + (i % COLUMNS) * (CELL + PAD);
    const top = PAD + Math.floor(i / COLUMNS) * cellHeight;
    const input = await sharp(join(splitDir, 'images', imageFileName(record.image_id)))
      .resize(CELL, CELL, { kernel: 'nearest' })
      .toBuffer();
    layers.push({ input, left, top });
    const captionLines = captions.slice(0, 2).flatMap((caption, n) => wrap(`${n + 1}. ${caption}`));
    const lines = [...captionLines.slice(0, TEXT_LINES - 1), `${record.style} · ${record.background}`];
    for (const [n, line] of lines.entries()) {
      const fill = n === lines.length - 1 ? '#777777' : '#111111';
      const y = top + CELL + PAD + (n + 1) * LINE - 3;
      text.push(`<text x="${left}" y="${y}" fill="${fill}">${escapeXml(line)}</text>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans" font-size="12">${text.join('')}</svg>`;
  layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toFile(join(splitDir, 'contact-sheet.png'));
}
