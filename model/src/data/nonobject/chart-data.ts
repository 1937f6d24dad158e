/** The numbers a chart shows, and the scale and ticks its axes use. */
import type { Rng } from '../rng.ts';
import type { Prose } from './prose.ts';
import { capitalise } from './prose.ts';

export interface ChartData {
  categories: string[];
  series: { name: string; values: number[] }[];
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

function categories(rng: Rng, prose: Prose, count: number): string[] {
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const start = rng.int(0, 11);
    return Array.from({ length: count }, (_, i) => MONTHS[(start + i) % 12] ?? 'Jan');
  }
  if (kind === 1) {
    const start = rng.int(1990, 2020);
    return Array.from({ length: count }, (_, i) => String(start + i));
  }
  if (kind === 2) {
    const year = rng.int(2015, 2026);
    return Array.from({ length: count }, (_, i) => `Q${(i % 4) + 1} ${year + Math.floor(i / 4)}`);
  }
  return Array.from({ length: count }, () => capitalise(prose.noun()));
}

/** A random walk (`trend`) or independent values around a level, all positive. */
function values(rng: Rng, count: number, trend: boolean, level: number): number[] {
  let value = level * rng.range(0.4, 1);
  return Array.from({ length: count }, () => {
    value = trend
      ? Math.max(level * 0.05, value + level * rng.range(-0.2, 0.25))
      : level * rng.range(0.15, 1);
    return value;
  });
}

export function chartData(
  rng: Rng,
  prose: Prose,
  count: number,
  seriesCount: number,
  trend: boolean,
): ChartData {
  const level = rng.pick([10, 50, 100, 500, 1000, 25_000]);
  return {
    categories: categories(rng, prose, count),
    series: Array.from({ length: seriesCount }, () => ({
      name: capitalise(prose.noun()),
      values: values(rng, count, trend, level),
    })),
  };
}

/** Round tick values covering [0, max]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, target = 5): number[] {
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function formatTick(value: number): string {
  if (value >= 1_000_000) return `${value / 1_000_000}M`;
  if (value >= 10_000) return `${value / 1000}k`;
  return String(value);
}
