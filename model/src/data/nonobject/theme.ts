/**
 * A page's look: colour theme, accent, chart colours, fonts and type scale. Only fonts every machine with
 * Debian's fonts-dejavu-core has (Chromium's dependency), so the same seed renders alike anywhere.
 */
import type { Rng } from '../rng.ts';

export const THEME_NAMES = ['light', 'paper', 'grey', 'dark', 'dim', 'sepia', 'high-contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

interface Palette {
  dark: boolean;
  bg: string;
  surface: string;
  surfaceAlt: string;
  text: string;
  muted: string;
  border: string;
}

const PALETTES: Record<ThemeName, Palette> = {
  light: {
    dark: false,
    bg: '#ffffff',
    surface: '#f6f7f9',
    surfaceAlt: '#eceff3',
    text: '#1d2129',
    muted: '#667085',
    border: '#d5d9e0',
  },
  paper: {
    dark: false,
    bg: '#fbfaf7',
    surface: '#ffffff',
    surfaceAlt: '#f1efe9',
    text: '#222222',
    muted: '#6b6b6b',
    border: '#dedbd2',
  },
  grey: {
    dark: false,
    bg: '#eef0f3',
    surface: '#ffffff',
    surfaceAlt: '#e3e6ea',
    text: '#23272e',
    muted: '#5f6672',
    border: '#c9ced6',
  },
  dark: {
    dark: true,
    bg: '#16181d',
    surface: '#1f2229',
    surfaceAlt: '#2a2e37',
    text: '#e4e6eb',
    muted: '#9aa1ad',
    border: '#3a3f4a',
  },
  dim: {
    dark: true,
    bg: '#1b2433',
    surface: '#223044',
    surfaceAlt: '#2b3b52',
    text: '#dbe4f0',
    muted: '#91a2b8',
    border: '#3b4d66',
  },
  // Test-only (reserved.ts): a warm low-contrast print look and a black-and-yellow accessibility look.
  sepia: {
    dark: false,
    bg: '#f4ecd8',
    surface: '#efe4c9',
    surfaceAlt: '#e6d8b8',
    text: '#4a3b28',
    muted: '#7a6547',
    border: '#cdb98f',
  },
  'high-contrast': {
    dark: true,
    bg: '#000000',
    surface: '#000000',
    surfaceAlt: '#1a1a1a',
    text: '#ffffff',
    muted: '#ffff00',
    border: '#ffffff',
  },
};

const SANS_FONTS = ["'DejaVu Sans'", "'DejaVu Sans Condensed'", "'DejaVu Sans Light'"];
const SERIF_FONTS = ["'DejaVu Serif'", "'DejaVu Serif Condensed'"];
export const MONO_FONT = "'DejaVu Sans Mono', monospace";

export interface Theme extends Palette {
  name: ThemeName;
  accent: string;
  /** Text on an accent-coloured fill. */
  onAccent: string;
  good: string;
  bad: string;
  warn: string;
  /** Colours for chart series, distinct hues from a random start. */
  series: string[];
  font: string;
  headingFont: string;
  fontSize: number;
  lineHeight: number;
  radius: number;
}

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${Math.round(hue) % 360} ${Math.round(saturation)}% ${Math.round(lightness)}%)`;
}

export function buildTheme(rng: Rng, name: ThemeName): Theme {
  const palette = PALETTES[name];
  const hue = rng.int(0, 359);
  const accentLightness = palette.dark ? rng.range(55, 68) : rng.range(36, 50);
  const seriesStart = rng.int(0, 359);
  const seriesStep = rng.pick([47, 61, 137.5]);
  const seriesLightness = palette.dark ? 62 : 48;
  const serifBody = rng.chance(0.3);
  const font = `${serifBody ? rng.pick(SERIF_FONTS) : rng.pick(SANS_FONTS)}, sans-serif`;
  return {
    ...palette,
    name,
    accent: name === 'high-contrast' ? '#ffff00' : hsl(hue, rng.range(55, 85), accentLightness),
    onAccent: name === 'high-contrast' || palette.dark ? '#000000' : '#ffffff',
    good: palette.dark ? '#4cc38a' : '#1a7f4b',
    bad: palette.dark ? '#f0716a' : '#c4322b',
    warn: palette.dark ? '#e8b44c' : '#a86a00',
    series: Array.from({ length: 8 }, (_, i) =>
      hsl(seriesStart + i * seriesStep, rng.range(50, 80), seriesLightness + rng.range(-6, 6)),
    ),
    font,
    headingFont: rng.chance(0.7) ? font : `${rng.pick([...SANS_FONTS, ...SERIF_FONTS])}, serif`,
    fontSize: rng.pick([12, 13, 14, 15, 16, 16, 17, 18, 20]),
    lineHeight: rng.range(1.25, 1.75),
    radius: rng.pick([0, 2, 4, 6, 8, 12]),
  };
}
