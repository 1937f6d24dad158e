/**
 * One object picture from a real-world source (a photo, a 3-D render or a drawing) with its name and licence,
 * as the source readers under `sources/` list them. The class mapping (`real-classes.ts`) turns `name` and
 * `keywords` into a caption class; the splits assign whole instances (never single views) to train or test.
 */

/** How the picture was made: the three real-world domains the splits measure separately. */
export type InstanceKind = 'photo' | 'render' | 'drawn';

export interface SourceInstance {
  /** Stable across runs and machines: `<source>:<path or catalogue key>`; splits hash it. */
  id: string;
  /** The source reader that listed it, e.g. `sweethome3d`, `openclipart`, `gcompris`. */
  source: string;
  kind: InstanceKind;
  /** The English name the source gives ("Office chair", "fire-hydrant"), before any mapping. */
  name: string;
  /** Other English words the source attaches (categories, folder names, dc:subject); may be empty. */
  keywords: string[];
  /** SPDX identifier ("CC0-1.0", "CC-BY-3.0", "LicenseRef-PublicDomain", "GPL-2.0-or-later", "CC-BY-SA-4.0"). */
  licence: string;
  /** Who made it, as the source credits them; "" where the source names nobody. */
  author: string;
  /** Where the source says the picture comes from (URL or package), for the attribution file. */
  origin: string;
  /** Absolute path of the picture: PNG/JPEG/WebP raster or SVG. */
  file: string;
  /**
   * true when the object is already cut out (transparent background or a drawing on nothing), so it can be
   * composited onto other backgrounds; false for a photo on its own background.
   */
  cutout: boolean;
  /** 3-D sources: absolute path of the model file (OBJ) to render more views from. */
  model?: string;
  /**
   * 3-D sources: the 3x3 rotation (row-major, 9 numbers) the catalogue applies to the model to stand it upright
   * and face it forward; absent means identity.
   */
  modelRotation?: number[];
  /** 3-D sources: the object's real size in centimetres as the catalogue gives it (y up, depth along z). */
  dimensionsCm?: { width: number; depth: number; height: number };
  /**
   * Instances sharing a group show one physical object (poses of one sprite, views of one model): a split must
   * put the whole group on one side. Absent means the instance is its own group.
   */
  group?: string;
}

/** A photo or texture to composite objects onto. */
export interface BackgroundImage {
  id: string;
  source: string;
  licence: string;
  author: string;
  origin: string;
  file: string;
  /** What it shows in a few words ("mountain lake", "wooden floor"), or "" where unknown. */
  description: string;
}

/**
 * Licences that put no condition on a model trained on the art beyond attribution (../shared/notes/data-sources.md,
 * last section). Everything else (GPL, LGPL, CC-BY-SA, GFDL, non-commercial, unknown) is evaluation-only.
 */
const TRAINABLE_LICENCES = new Set([
  'CC0-1.0',
  'LicenseRef-PublicDomain',
  'CC-BY-2.0',
  'CC-BY-3.0',
  'CC-BY-3.0-US',
  'CC-BY-4.0',
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
]);

export function isTrainableLicence(licence: string): boolean {
  return TRAINABLE_LICENCES.has(licence);
}
