/** What every page family provides: its kind, its layouts, and a builder from a seeded context to markup. */
import type { Rng } from '../rng.ts';
import type { CaptionSubject } from './captions.ts';
import type { Frame, FrameHint } from './frame.ts';
import type { Prose } from './prose.ts';
import type { Theme } from './theme.ts';

/** What the image is; written as the scene record's `background` and used for per-kind error rates. */
export const PAGE_KINDS = [
  'document',
  'code',
  'table',
  'chart',
  'form',
  'terminal',
  'email',
  'chat',
  'calendar',
  'slide',
  'dashboard',
  'error-page',
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface PageContext {
  rng: Rng;
  prose: Prose;
  theme: Theme;
  /** How the page will be shot, so a page can fill its viewport (a terminal of the window's height). */
  frame: Frame;
}

export interface FamilyPage {
  css: string;
  body: string;
  /** Which reference captions fit (captions.ts), and words they fill in ("python"). */
  subject: CaptionSubject;
}

export interface PageFamily {
  kind: PageKind;
  /** Every layout, test-only ones included (reserved.ts says which are test-only). */
  layouts: readonly string[];
  /** Chance of a dark theme when the split's themes allow one: terminals and editors are mostly dark. */
  darkShare: number;
  frameHint?: FrameHint;
  build(context: PageContext, layout: string): FamilyPage;
}
