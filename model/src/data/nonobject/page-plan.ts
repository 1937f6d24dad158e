/**
 * One page from its seed: family (by weight), layout and theme (test-only ones only where the split allows),
 * content, frame, and reference captions. Everything comes from the page's own generator, so a page is the
 * same whatever order or tab renders it.
 */
import { Rng } from '../rng.ts';
import { captionsFor } from './captions.ts';
import type { PageKind } from './family.ts';
import { FAMILIES } from './families.ts';
import { type Frame, pickFrame } from './frame.ts';
import { pageDocument } from './html.ts';
import { Prose } from './prose.ts';
import { isTestOnlyLayout, TEST_ONLY_THEMES } from './reserved.ts';
import { type NonObjectSplitSpec, pageSeed } from './splits.ts';
import { buildTheme, type ThemeName } from './theme.ts';

const LIGHT_THEMES: readonly ThemeName[] = ['light', 'light', 'paper', 'grey'];
const DARK_THEMES: readonly ThemeName[] = ['dark', 'dim'];

export interface PagePlan {
  imageId: number;
  kind: PageKind;
  layout: string;
  theme: ThemeName;
  /** The page uses a test-only layout or theme (reserved.ts). */
  testOnly: boolean;
  frame: Frame;
  html: string;
  captions: string[];
}

export function planPage(spec: NonObjectSplitSpec, splitSeedValue: number, index: number): PagePlan {
  const rng = new Rng(pageSeed(splitSeedValue, index));
  const family = rng.weighted(FAMILIES);
  const seenLayouts = family.layouts.filter((layout) => !isTestOnlyLayout(family.kind, layout));
  const reservedLayouts = family.layouts.filter((layout) => isTestOnlyLayout(family.kind, layout));
  const reserved = rng.chance(spec.reservedShare);
  // A reserved page gets a test-only layout where its family has one, a test-only theme otherwise or as well.
  const useLayout = reserved && reservedLayouts.length > 0 && rng.chance(0.7);
  const useTheme = reserved && (!useLayout || rng.chance(0.25));
  const layout = rng.pick(useLayout ? reservedLayouts : seenLayouts);
  const dark = rng.chance(family.darkShare);
  const themeName = rng.pick(useTheme ? TEST_ONLY_THEMES : dark ? DARK_THEMES : LIGHT_THEMES);
  const theme = buildTheme(rng, themeName);
  const frame = pickFrame(rng, family.frameHint);
  const page = family.build({ rng, prose: new Prose(rng), theme, frame }, layout);
  return {
    imageId: spec.idOffset + index,
    kind: family.kind,
    layout,
    theme: themeName,
    testOnly: useLayout || useTheme,
    frame,
    html: pageDocument(theme, frame.zoom, page.css, page.body),
    captions: captionsFor(family.kind, page.subject, rng),
  };
}
