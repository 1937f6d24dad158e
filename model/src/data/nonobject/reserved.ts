/**
 * Designs only test-nonobject draws (NONOBJECT_SPLITS.reservedShare): no train or val page uses them, so
 * test-nonobject measures whether the verifier generalises to layouts and themes it never saw.
 */
import type { ThemeName } from './theme.ts';

/** A warm low-contrast print look and a black-and-yellow accessibility look. */
export const TEST_ONLY_THEMES: readonly ThemeName[] = ['sepia', 'high-contrast'];

/**
 * `<kind>/<layout>`: an academic two-column paper, a code review diff, a plan comparison grid, horizontal
 * bars and a donut chart, a checkout form, and a day agenda.
 */
export const TEST_ONLY_LAYOUTS: readonly string[] = [
  'document/two-column',
  'code/diff',
  'table/comparison',
  'chart/horizontal-bar',
  'chart/donut',
  'form/checkout',
  'calendar/agenda',
];

export function isTestOnlyLayout(kind: string, layout: string): boolean {
  return TEST_ONLY_LAYOUTS.includes(`${kind}/${layout}`);
}

export function isTestOnlyTheme(theme: ThemeName): boolean {
  return TEST_ONLY_THEMES.includes(theme);
}
