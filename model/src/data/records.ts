/** The JSON written per split (docs/architecture.md, "Scene data set on disk"). */
import type { ColorName } from './colors.ts';
import type { RealStyle } from './real/real-style.ts';
import type { StyleId } from './styles.ts';

/** [x, y, width, height] of the visible (alpha) pixels, in image pixels. */
export type BoxXywh = [number, number, number, number];

export interface SceneObject {
  class: string;
  count: number;
  color: ColorName | null;
  boxes: BoxXywh[];
}

export interface SceneRecord {
  image_id: number;
  /** The emoji art set, or for real-world scenes `photo` (own background), `cutout` (photo/render cut-outs) or `clipart`. */
  style: StyleId | RealStyle;
  /** `plain-<colour>`, `gradient`, `texture` or `photo`. */
  background: string;
  objects: SceneObject[];
  /** Real-world scenes: the source instances drawn (ids in the catalogue), for attribution and split checks. */
  instances?: string[];
}

export interface CocoImage {
  id: number;
  file_name: string;
  width: number;
  height: number;
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  caption: string;
}

export interface CocoCaptions {
  info: Record<string, unknown>;
  images: CocoImage[];
  annotations: CocoAnnotation[];
}

export function imageFileName(imageId: number): string {
  return `${String(imageId).padStart(7, '0')}.png`;
}

/** One image of a split as its COCO captions file lists it: its id, pixel size and reference captions. */
export interface CaptionedImage {
  imageId: number;
  width: number;
  height: number;
  captions: readonly string[];
}

/** `captions_<split>.json` of any generator: annotation ids are image id × captions per image + k, so they never collide. */
export function cocoCaptions(info: Record<string, unknown>, images: readonly CaptionedImage[]): CocoCaptions {
  return {
    info,
    images: images.map(({ imageId, width, height }) => ({
      id: imageId,
      file_name: imageFileName(imageId),
      width,
      height,
    })),
    annotations: images.flatMap(({ imageId, captions }) =>
      captions.map((caption, k) => ({ id: imageId * captions.length + k, image_id: imageId, caption })),
    ),
  };
}
