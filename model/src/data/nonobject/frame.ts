/**
 * How a page is shot: viewport size and aspect (phone to wide desktop), browser zoom, a partial scroll and a
 * crop, so the model sees pages the way screenshots on the web cut them.
 */
import type { Rng } from '../rng.ts';

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Frame {
  width: number;
  height: number;
  zoom: number;
  /** Fraction of the page's scrollable height to scroll down before the shot (0: the top). */
  scroll: number;
  /** Part of the shot to keep, as fractions of its width and height; null keeps all of it. */
  clip: Clip | null;
  /** Cut the shot at the bottom of the content when the page is shorter than the viewport, as most
   * screenshots of short pages are cut. */
  fit: boolean;
}

const PHONE_WIDTHS = [360, 375, 390, 412, 430];
const DESKTOP_WIDTHS = [640, 768, 800, 960, 1024, 1152, 1280, 1366, 1440];
/** Screenshot cost grows with area; beyond this height a page is cut anyway. */
const MAX_HEIGHT = 1400;

export interface FrameHint {
  /** Height over width, fixed (a slide is 9/16 or 3/4). */
  aspect?: number;
  /** Phones are unlikely (a slide, a spreadsheet). */
  desktopOnly?: boolean;
  /** Pages that never scroll (a slide, an error page). */
  noScroll?: boolean;
}

function viewport(rng: Rng, hint: FrameHint): { width: number; height: number } {
  const phone = !hint.desktopOnly && rng.chance(0.2);
  const width = phone ? rng.pick(PHONE_WIDTHS) : rng.pick(DESKTOP_WIDTHS) + rng.int(-24, 24);
  const aspect = hint.aspect ?? (phone ? rng.range(1.5, 2.2) : rng.range(0.45, 1.3));
  return { width, height: Math.min(MAX_HEIGHT, Math.round(width * aspect)) };
}

function crop(rng: Rng): Clip {
  const width = rng.range(0.45, 0.95);
  const height = rng.range(0.45, 0.95);
  const round = (value: number) => Number(value.toFixed(4));
  return {
    x: round(rng.range(0, 1 - width)),
    y: round(rng.range(0, 1 - height)),
    width: round(width),
    height: round(height),
  };
}

export function pickFrame(rng: Rng, hint: FrameHint = {}): Frame {
  const { width, height } = viewport(rng, hint);
  const zoom = rng.chance(0.6) ? 1 : rng.pick([0.67, 0.8, 0.9, 1.1, 1.25, 1.5]);
  const scroll = !hint.noScroll && rng.chance(0.35) ? rng.range(0.15, 1) : 0;
  const clip = rng.chance(0.3) ? crop(rng) : null;
  return { width, height, zoom, scroll, clip, fit: rng.chance(0.75) };
}
