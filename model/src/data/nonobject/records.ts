/**
 * The JSON of a non-object split. Captions and scene records follow the scene splits' format
 * (docs/architecture.md) so training and the grounded metrics read them unchanged: `style` is "screenshot",
 * `background` the page kind, and `objects` empty, so any object a caption names counts as absent.
 * `pages_<split>.json` adds how each page was designed and shot, for per-kind and per-design error rates.
 */
import type { PageKind } from './family.ts';
import type { Clip } from './frame.ts';
import type { ThemeName } from './theme.ts';

export interface NonObjectSceneRecord {
  image_id: number;
  style: 'screenshot';
  background: PageKind;
  objects: [];
}

export interface PageRecord {
  image_id: number;
  kind: PageKind;
  layout: string;
  theme: ThemeName;
  /** Uses a layout or theme only test-nonobject draws (reserved.ts). */
  test_only: boolean;
  viewport: [number, number];
  zoom: number;
  scroll: number;
  /** Fractions of the shot (frame.ts). */
  clip: Clip | null;
  fit: boolean;
}

export interface RenderedPage {
  scene: NonObjectSceneRecord;
  page: PageRecord;
  captions: string[];
  width: number;
  height: number;
}
