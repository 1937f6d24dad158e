/**
 * One real-world scene from its seed: a photo on its own background, photo and render cut-outs on a
 * photographic (or painted) background with their own lighting, or clip art; then blur, noise and colour
 * jitter (augment.ts), and JPEG artefacts when the batch writer encodes it. Captions come from the record alone:
 * counts and positions, never a colour (a real object's colour is not known).
 */
import { augment, toRgbBytes } from '../augment.ts';
import { backgroundId, paintBackground } from '../background.ts';
import { writeCaptions } from '../captions.ts';
import { type Box, drawSprite } from '../composite.ts';
import type { ObjectGroup } from '../composition.ts';
import { layoutScene } from '../layout.ts';
import type { BoxXywh, SceneRecord } from '../records.ts';
import { Rng } from '../rng.ts';
import type { GeneratedScene } from '../scene.ts';
import type { Sprite } from '../sprites.ts';
import type { BackgroundPhoto } from './photo-backgrounds.ts';
import type { CutoutPicture, PhotoPicture } from './instance-pictures.ts';
import type { CaptionClass } from './real-classes.ts';
import { REAL_PREFIXES, type RealStyle } from './real-style.ts';

export interface PooledCutout {
  classId: string;
  instanceId: string;
  picture: CutoutPicture;
}

export interface PooledPhoto {
  classId: string;
  instanceId: string;
  picture: PhotoPicture;
}

/** What one split may draw from: its own instances and backgrounds only. */
export interface RealPools {
  realCutouts: readonly PooledCutout[];
  drawnCutouts: readonly PooledCutout[];
  photos: readonly PooledPhoto[];
  backgrounds: readonly BackgroundPhoto[];
  /** Relative weights of the three kinds of scene; a kind without pictures is never drawn. */
  styles: Readonly<Record<RealStyle, number>>;
  vocabulary: readonly CaptionClass[];
}

export interface RealScene extends GeneratedScene {
  /** JPEG quality to pass the image through before it is saved, or null for none. */
  jpegQuality: number | null;
}

const GROUP_WEIGHTS = [
  [1, 0.62],
  [2, 0.28],
  [3, 0.1],
] as const;
const COUNT_WEIGHTS = [
  [1, 0.8],
  [2, 0.15],
  [3, 0.05],
] as const;

/** Crops a random square of a photo, flips it sometimes, and resamples it bilinearly onto the canvas. */
function paintCrop(
  canvas: Float32Array,
  size: number,
  rgb: Uint8Array,
  side: number,
  rng: Rng,
  minShare: number,
): void {
  const crop = rng.range(minShare, 1) * side;
  const x0 = rng.range(0, side - crop);
  const y0 = rng.range(0, side - crop);
  const flip = rng.chance(0.5);
  const scale = crop / size;
  for (let y = 0; y < size; y++) {
    const sy = Math.min(side - 1.001, y0 + (y + 0.5) * scale - 0.5);
    const j = Math.max(0, Math.floor(sy));
    const fy = Math.max(0, sy - j);
    for (let x = 0; x < size; x++) {
      const xx = flip ? size - 1 - x : x;
      const sx = Math.min(side - 1.001, x0 + (xx + 0.5) * scale - 0.5);
      const i = Math.max(0, Math.floor(sx));
      const fx = Math.max(0, sx - i);
      const row0 = (j * side + i) * 3;
      const row1 = row0 + side * 3;
      const out = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = (rgb[row0 + c] ?? 0) * (1 - fx) + (rgb[row0 + 3 + c] ?? 0) * fx;
        const bottom = (rgb[row1 + c] ?? 0) * (1 - fx) + (rgb[row1 + 3 + c] ?? 0) * fx;
        canvas[out + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
}

/** The object lit differently from the picture it came from: brighter or darker, warmer or cooler. */
function relight(rgba: Uint8ClampedArray, rng: Rng): Uint8ClampedArray {
  const gain = rng.range(0.75, 1.2);
  const warm = rng.range(-0.08, 0.08);
  const gains = [gain * (1 + warm), gain, gain * (1 - warm)];
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    for (let c = 0; c < 3; c++) out[i + c] = (rgba[i + c] ?? 0) * (gains[c] ?? 1);
    out[i + 3] = rgba[i + 3] ?? 0;
  }
  return out;
}

function toXywh(box: Box): BoxXywh {
  const x = Math.round(box.x0);
  const y = Math.round(box.y0);
  return [x, y, Math.round(box.x1) - x, Math.round(box.y1) - y];
}

function pickStyle(rng: Rng, pools: RealPools): RealStyle {
  const has: Record<RealStyle, boolean> = {
    photo: pools.photos.length > 0,
    cutout: pools.realCutouts.length > 0,
    clipart: pools.drawnCutouts.length > 0,
  };
  const options = (Object.keys(pools.styles) as RealStyle[]).filter((s) => has[s] && pools.styles[s] > 0);
  if (options.length === 0) throw new Error('real-world split has no pictures to draw');
  return rng.weighted(options.map((s) => [s, pools.styles[s]] as const));
}

function sceneWithOwnPhoto(rng: Rng, pools: RealPools, size: number, canvas: Float32Array) {
  const photo = rng.pick(pools.photos);
  paintCrop(canvas, size, photo.picture.rgb, photo.picture.side, rng, 0.7);
  const margin = Math.round(size * 0.12);
  const box: BoxXywh = [margin, margin, size - 2 * margin, size - 2 * margin]; // the subject, roughly centred
  return {
    background: 'own',
    objects: [{ class: photo.classId, count: 1, color: null, boxes: [box] }],
    instances: [photo.instanceId],
  };
}

function sceneWithCutouts(rng: Rng, pools: RealPools, size: number, canvas: Float32Array, style: RealStyle) {
  const pool = style === 'clipart' ? pools.drawnCutouts : pools.realCutouts;
  const wanted = rng.weighted(GROUP_WEIGHTS);
  const chosen: PooledCutout[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < 50; attempt++) {
    const candidate = rng.pick(pool);
    if (!chosen.some((c) => c.classId === candidate.classId)) chosen.push(candidate);
  }
  const views = chosen.map((c) => rng.pick(c.picture.views));
  const counts = chosen.map(() => rng.weighted(COUNT_WEIGHTS));
  const groups: ObjectGroup[] = chosen.map((_, i) => ({ classIndex: i, count: counts[i] ?? 1, color: null }));
  const boundsOf = (i: number): Box => {
    const sprite = views[i]?.at(-1);
    if (sprite === undefined) throw new Error('cut-out without a sprite');
    const { x0, y0, x1, y1 } = sprite.bounds;
    return { x0: x0 / sprite.size, y0: y0 / sprite.size, x1: x1 / sprite.size, y1: y1 / sprite.size };
  };
  const sideScale = chosen.length === 1 ? rng.range(1.1, 1.55) : 1.15;
  let placed = layoutScene(rng, groups, boundsOf, size, sideScale);
  for (let tries = 0; placed === null && tries < 5; tries++) {
    for (const g of groups) g.count = 1;
    placed = layoutScene(rng, groups, boundsOf, size, 1);
  }
  if (placed === null) throw new Error('real-world scene did not fit');

  const onPhoto = pools.backgrounds.length > 0 && rng.chance(style === 'clipart' ? 0.4 : 0.7);
  let background = 'scene';
  if (onPhoto) {
    paintCrop(canvas, size, rng.pick(pools.backgrounds).rgb, pools.backgrounds[0]?.side ?? 1, rng, 0.3);
  } else {
    background = backgroundId(
      paintBackground(
        canvas,
        size,
        rng,
        views.map((v) => v.at(-1)?.meanColor ?? [128, 128, 128]),
      ),
    );
  }
  const boxes: BoxXywh[][] = groups.map(() => []);
  for (const instance of rng.shuffle(placed)) {
    const sizes = views[instance.group];
    const sprite: Sprite | undefined = sizes?.find((s) => s.size >= instance.placement.side) ?? sizes?.at(-1);
    if (sprite === undefined) continue;
    const pixels = style === 'clipart' ? sprite.rgba : relight(sprite.rgba, rng);
    const visible = drawSprite(canvas, size, pixels, sprite.size, instance.placement) ?? instance.estimate;
    boxes[instance.group]?.push(toXywh(visible));
  }
  return {
    background,
    objects: groups.map((g, i) => ({
      class: chosen[i]?.classId ?? '',
      count: g.count,
      color: null,
      boxes: (boxes[i] ?? []).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    })),
    instances: chosen.map((c) => c.instanceId),
  };
}

export function generateRealScene(imageId: number, seed: number, size: number, pools: RealPools): RealScene {
  const rng = new Rng(seed);
  const style = pickStyle(rng, pools);
  const canvas = new Float32Array(size * size * 3);
  const content =
    style === 'photo'
      ? sceneWithOwnPhoto(rng, pools, size, canvas)
      : sceneWithCutouts(rng, pools, size, canvas, style);
  augment(canvas, size, rng);
  const record: SceneRecord = { image_id: imageId, style, ...content };
  const classById = new Map(pools.vocabulary.map((c) => [c.id, c]));
  const captions = writeCaptions(record, size, rng, { classById, prefixes: REAL_PREFIXES[style] });
  const jpegQuality =
    style === 'clipart'
      ? rng.chance(0.2)
        ? rng.int(40, 90)
        : null
      : rng.chance(0.6)
        ? rng.int(25, 90)
        : null;
  return { record, captions, rgb: toRgbBytes(canvas), jpegQuality };
}
