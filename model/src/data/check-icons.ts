/**
 * `npx tsx model/src/data/check-icons.ts [--sheet file.png] [--size 48]`: verifies every icon in the class
 * table exists, prints per-style coverage, and can draw every class in every style on one sheet for review.
 */
import { Command } from 'commander';
import sharp, { type OverlayOptions } from 'sharp';
import { OBJECT_CLASSES } from './classes.ts';
import { findMissingIcons, styleCoverage, underCoveredClasses } from './coverage.ts';
import { loadSpriteAtlas } from './sprites.ts';
import { STYLE_IDS } from './styles.ts';

async function writeClassSheet(path: string, size: number, cacheDir: string): Promise<void> {
  const labelWidth = 150;
  const width = labelWidth + STYLE_IDS.length * size;
  const height = (OBJECT_CLASSES.length + 1) * size;
  const layers: OverlayOptions[] = [];
  const text: string[] = STYLE_IDS.map(
    (style, column) =>
      `<text x="${labelWidth + column * size + 2}" y="${size / 2}" font-size="9">${style}</text>`,
  );
  for (const [column, style] of STYLE_IDS.entries()) {
    const atlas = await loadSpriteAtlas(cacheDir, style, size);
    for (const [row, sprite] of atlas.sprites.entries()) {
      if (sprite === undefined) continue;
      const raw = Buffer.from(sprite.rgba.buffer);
      const input = await sharp(raw, { raw: { width: size, height: size, channels: 4, premultiplied: true } })
        .png()
        .toBuffer();
      layers.push({ input, left: labelWidth + column * size, top: (row + 1) * size });
    }
  }
  for (const [row, objectClass] of OBJECT_CLASSES.entries()) {
    text.push(`<text x="4" y="${(row + 1.6) * size}" font-size="13">${objectClass.name}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans">${text.join('')}</svg>`;
  layers.push({ input: Buffer.from(svg), left: 0, top: 0 });
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toFile(path);
}

const options = new Command()
  .option('--sheet <file>', 'write every class in every style to this PNG')
  .option('--size <px>', 'sprite size on the sheet', '48')
  .option('--sprites <dir>', 'sprite cache folder', 'data/sprites')
  .parse()
  .opts<{ sheet?: string; size: string; sprites: string }>();

const missing = findMissingIcons();
for (const { classId, style, icon } of missing) console.error(`missing: ${classId} → ${style}:${icon}`);
console.log(`${OBJECT_CLASSES.length} classes`);
for (const [style, fraction] of Object.entries(styleCoverage())) {
  console.log(`  ${style.padEnd(18)} ${(fraction * 100).toFixed(1)}%`);
}
const thin = underCoveredClasses(3);
if (thin.length > 0) console.error(`in fewer than 3 training styles: ${thin.join(', ')}`);
if (options.sheet !== undefined) {
  await writeClassSheet(options.sheet, Number(options.size), options.sprites);
  console.log(`wrote ${options.sheet}`);
}
if (missing.length > 0 || thin.length > 0) process.exitCode = 1;
