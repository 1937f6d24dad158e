/** One scene from its seed: composition, layout, pixels, the scene record and its five captions. */

import { augment, toRgbBytes } from './augment.ts';
import { backgroundId, paintBackground } from './background.ts';
import { writeCaptions } from './captions.ts';
import { OBJECT_CLASSES } from './classes.ts';
import { COLOR_RGB, type Rgb, recolor } from './colors.ts';
import { type Box, drawSprite } from './composite.ts';
import { type CompositionPolicy, composeScene, type ObjectGroup } from './composition.ts';
import { layoutScene, type PlacedInstance } from './layout.ts';
import type { BoxXywh, SceneRecord } from './records.ts';
import { Rng } from './rng.ts';
import type { Sprite, SpriteAtlas } from './sprites.ts';
import type { StyleId } from './styles.ts';

/** A style's atlases at every cached size, smallest first. */
export type StyleSprites = ReadonlyMap<StyleId, readonly SpriteAtlas[]>;

export interface SceneRequest {
  imageId: number;
  /** Seed of this image alone (derived from the split seed and the image index). */
  seed: number;
  size: number;
  styles: readonly StyleId[];
  policy: CompositionPolicy;
  sprites: StyleSprites;
}

export interface GeneratedScene {
  record: SceneRecord;
  captions: string[];
  /** size × size × 3 bytes. */
  rgb: Uint8ClampedArray;
}

function spriteFor(atlases: readonly SpriteAtlas[], classIndex: number, side: number): Sprite {
  // The smallest atlas at least as large as the drawn side: downscaling stays under 2×, so bilinear is enough.
  const atlas = atlases.find((a) => a.size >= side) ?? atlases.at(-1);
  const sprite = atlas?.sprites[classIndex];
  if (sprite === undefined) throw new Error(`no sprite for class ${classIndex}`);
  return sprite;
}

function planScene(
  rng: Rng,
  request: SceneRequest,
  atlases: readonly SpriteAtlas[],
): { groups: ObjectGroup[]; instances: PlacedInstance[] } {
  const reference = atlases.at(-1);
  if (reference === undefined) throw new Error('no sprite atlases loaded');
  const available = OBJECT_CLASSES.flatMap((_, i) => (reference.sprites[i] === undefined ? [] : [i]));
  const boundsOf = (classIndex: number): Box => {
    const sprite = reference.sprites[classIndex];
    if (sprite === undefined) throw new Error(`no sprite for class ${classIndex}`);
    const { x0, y0, x1, y1 } = sprite.bounds;
    return { x0: x0 / sprite.size, y0: y0 / sprite.size, x1: x1 / sprite.size, y1: y1 / sprite.size };
  };
  for (;;) {
    const groups = composeScene(rng, available, request.policy);
    const instances = layoutScene(rng, groups, boundsOf, request.size);
    if (instances !== null) return { groups, instances };
  }
}

function toXywh(box: Box): BoxXywh {
  const x = Math.round(box.x0);
  const y = Math.round(box.y0);
  return [x, y, Math.round(box.x1) - x, Math.round(box.y1) - y];
}

export function generateScene(request: SceneRequest): GeneratedScene {
  const rng = new Rng(request.seed);
  const style = rng.pick(request.styles);
  const atlases = request.sprites.get(style);
  if (atlases === undefined) throw new Error(`sprites for ${style} were not loaded`);
  const { groups, instances } = planScene(rng, request, atlases);

  const { size } = request;
  const canvas = new Float32Array(size * size * 3);
  const objectColors: Rgb[] = groups.map((g) =>
    g.color === null ? spriteFor(atlases, g.classIndex, size).meanColor : COLOR_RGB[g.color],
  );
  const background = paintBackground(canvas, size, rng, objectColors);

  const boxes: BoxXywh[][] = groups.map(() => []);
  for (const instance of rng.shuffle(instances)) {
    const group = groups[instance.group];
    if (group === undefined) continue;
    const sprite = spriteFor(atlases, group.classIndex, instance.placement.side);
    const pixels = group.color === null ? sprite.rgba : recolor(sprite.rgba, group.color);
    const visible = drawSprite(canvas, size, pixels, sprite.size, instance.placement) ?? instance.estimate;
    boxes[instance.group]?.push(toXywh(visible));
  }
  augment(canvas, size, rng);

  const record: SceneRecord = {
    image_id: request.imageId,
    style,
    background: backgroundId(background),
    objects: groups.map((g, i) => ({
      class: OBJECT_CLASSES[g.classIndex]?.id ?? '',
      count: g.count,
      color: g.color,
      boxes: (boxes[i] ?? []).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    })),
  };
  return { record, captions: writeCaptions(record, size, rng), rgb: toRgbBytes(canvas) };
}
