/**
 * Poly Haven panoramas from npm `@pmndrs/assets` (CC0, as Poly Haven's are): 18 equirectangular HDRIs at
 * 512x256, shipped as base64 EXR modules. Each is tone-mapped to an 8-bit PNG once under the cache folder; only
 * the middle half of the rows is kept, the horizon band, because an equirectangular picture is stretched towards
 * its poles.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { SourceReader } from '../catalogue.ts';
import type { BackgroundImage } from '../source-instance.ts';
import { decodeExr, toneMap } from './exr-tone-map.ts';

const PACKAGE = { name: '@pmndrs/assets', version: '1.7.0' };
const ORIGIN = `https://polyhaven.com/hdris via npm ${PACKAGE.name} ${PACKAGE.version}`;

function hdriDir(): string {
  const packageJson = createRequire(import.meta.url).resolve(`${PACKAGE.name}/package.json`);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  if (version !== PACKAGE.version)
    throw new Error(`${PACKAGE.name} is ${version}, expected ${PACKAGE.version}`);
  return join(dirname(packageJson), 'hdri');
}

/** The module is `export default 'data:application/exr;base64,...'`. */
function exrBytes(modulePath: string): Buffer {
  const text = readFileSync(modulePath, 'utf8');
  const match = /base64,([A-Za-z0-9+/=]+)/.exec(text);
  if (!match?.[1]) throw new Error(`${modulePath}: no base64 EXR data`);
  return Buffer.from(match[1], 'base64');
}

async function writeHorizonBand(modulePath: string, png: string): Promise<void> {
  const { width, height, rgba } = decodeExr(exrBytes(modulePath));
  const image = toneMap(width, height, rgba);
  const band = { left: 0, top: Math.round(height / 4), width, height: Math.round(height / 2) };
  const partial = `${png}.partial-${process.pid}.png`;
  await sharp(image.pixels, { raw: { width, height, channels: 3 } })
    .extract(band)
    .png()
    .toFile(partial);
  renameSync(partial, png);
}

export async function readPmndrsPanoramas(cacheDir: string): Promise<BackgroundImage[]> {
  const source = hdriDir();
  const outDir = join(cacheDir, `pmndrs-assets_${PACKAGE.version}`, 'hdri');
  mkdirSync(outDir, { recursive: true });
  const backgrounds: BackgroundImage[] = [];
  for (const module of readdirSync(source)
    .filter((f) => f.endsWith('.exr.js'))
    .sort()) {
    const name = module.replace(/\.exr\.js$/, '');
    const png = join(outDir, `${name}.png`);
    if (!existsSync(png)) await writeHorizonBand(join(source, module), png);
    backgrounds.push({
      id: `pmndrs-panoramas:${name}`,
      source: 'pmndrs-panoramas',
      licence: 'CC0-1.0',
      author: 'Poly Haven',
      origin: ORIGIN,
      file: png,
      // The package names each panorama by the place it shows ("apartment", "forest", "sunset").
      description: `${name} panorama`,
    });
  }
  return backgrounds;
}

export const pmndrsPanoramasReader: SourceReader = {
  source: 'pmndrs-panoramas',
  read: async (cacheDir) => ({ instances: [], backgrounds: await readPmndrsPanoramas(cacheDir) }),
};
