/**
 * SVG charts drawn by the generator: bar (vertical, stacked, or horizontal), line, area, scatter, pie and
 * donut, with gridlines, tick labels, axis titles and a legend, in the page theme's colours.
 */
import type { Rng } from '../rng.ts';
import { type ChartData, formatTick, niceTicks } from './chart-data.ts';
import { escapeHtml } from './html.ts';
import type { Theme } from './theme.ts';

export type ChartType =
  | 'bar'
  | 'stacked-bar'
  | 'horizontal-bar'
  | 'line'
  | 'area'
  | 'scatter'
  | 'pie'
  | 'donut';

export interface ChartStyle {
  width: number;
  height: number;
  theme: Theme;
  gridlines: boolean;
  legend: boolean;
  markers: boolean;
  yTitle: string | null;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

const text = (x: number, y: number, content: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeHtml(content)}</text>`;

function legend(data: ChartData, style: ChartStyle, names: readonly string[]): string {
  const items = names.map((name, i) => {
    const x = 12 + i * Math.max(90, name.length * 8 + 30);
    return `<rect x="${x}" y="6" width="11" height="11" fill="${style.theme.series[i % 8]}"/>${text(x + 16, 16, name)}`;
  });
  return style.legend && data.series.length > 0 ? `<g font-size="12">${items.join('')}</g>` : '';
}

function valueAxis(
  plot: Plot,
  ticks: readonly number[],
  max: number,
  style: ChartStyle,
  horizontal: boolean,
): string {
  const parts = ticks.map((tick) => {
    const f = tick / max;
    if (horizontal) {
      const x = plot.left + f * plot.width;
      const grid = style.gridlines
        ? `<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.top + plot.height}"/>`
        : '';
      return `${grid}${text(x, plot.top + plot.height + 16, formatTick(tick), 'text-anchor="middle"')}`;
    }
    const y = plot.top + plot.height - f * plot.height;
    const grid = style.gridlines
      ? `<line x1="${plot.left}" y1="${y}" x2="${plot.left + plot.width}" y2="${y}"/>`
      : '';
    return `${grid}${text(plot.left - 6, y + 4, formatTick(tick), 'text-anchor="end"')}`;
  });
  const title =
    style.yTitle === null || horizontal
      ? ''
      : text(
          0,
          0,
          style.yTitle,
          `transform="translate(12 ${plot.top + plot.height / 2}) rotate(-90)" text-anchor="middle"`,
        );
  return `<g stroke="${style.theme.border}" fill="${style.theme.muted}" font-size="11">${parts.join('')}</g><g fill="${style.theme.muted}" font-size="12">${title}</g>`;
}

function categoryLabels(
  plot: Plot,
  categories: readonly string[],
  style: ChartStyle,
  horizontal: boolean,
): string {
  const step = (horizontal ? plot.height : plot.width) / categories.length;
  const every = Math.max(
    1,
    Math.ceil((categories.length * 40) / (horizontal ? plot.height * 2 : plot.width)),
  );
  const labels = categories.map((label, i) => {
    if (i % every !== 0) return '';
    const centre = (i + 0.5) * step;
    return horizontal
      ? text(plot.left - 6, plot.top + centre + 4, label, 'text-anchor="end"')
      : text(plot.left + centre, plot.top + plot.height + 16, label, 'text-anchor="middle"');
  });
  const axis = horizontal
    ? `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.top + plot.height}"/>`
    : `<line x1="${plot.left}" y1="${plot.top + plot.height}" x2="${plot.left + plot.width}" y2="${plot.top + plot.height}"/>`;
  return `<g fill="${style.theme.muted}" stroke="${style.theme.muted}" font-size="11"><g stroke="none">${labels.join('')}</g>${axis}</g>`;
}

function bars(data: ChartData, plot: Plot, max: number, style: ChartStyle, type: ChartType): string {
  const horizontal = type === 'horizontal-bar';
  const stacked = type === 'stacked-bar';
  const band = (horizontal ? plot.height : plot.width) / data.categories.length;
  const groups = stacked ? 1 : data.series.length;
  const thickness = (band * 0.75) / groups;
  const rects: string[] = [];
  data.categories.forEach((_, c) => {
    let base = 0;
    data.series.forEach((series, s) => {
      const value = series.values[c] ?? 0;
      const from = stacked ? base : 0;
      base += value;
      const offset = c * band + band * 0.125 + (stacked ? 0 : s * thickness);
      const a = (from / max) * (horizontal ? plot.width : plot.height);
      const b = (value / max) * (horizontal ? plot.width : plot.height);
      const fill = style.theme.series[s % 8];
      rects.push(
        horizontal
          ? `<rect x="${(plot.left + a).toFixed(1)}" y="${(plot.top + offset).toFixed(1)}" width="${b.toFixed(1)}" height="${(thickness * 0.92).toFixed(1)}" fill="${fill}"/>`
          : `<rect x="${(plot.left + offset).toFixed(1)}" y="${(plot.top + plot.height - a - b).toFixed(1)}" width="${(thickness * 0.92).toFixed(1)}" height="${b.toFixed(1)}" fill="${fill}"/>`,
      );
    });
  });
  return rects.join('');
}

function lines(data: ChartData, plot: Plot, max: number, style: ChartStyle, area: boolean): string {
  const step = plot.width / Math.max(1, data.categories.length - 1);
  const totals = data.categories.map(() => 0);
  const shapes = data.series.map((series, s) => {
    const points = series.values.map((value, i) => {
      const stackedValue = area ? (totals[i] ?? 0) + value : value;
      const baseline = area ? (totals[i] ?? 0) : 0;
      totals[i] = area ? stackedValue : (totals[i] ?? 0);
      return {
        x: plot.left + i * step,
        y: plot.top + plot.height - (stackedValue / max) * plot.height,
        base: plot.top + plot.height - (baseline / max) * plot.height,
      };
    });
    const colour = style.theme.series[s % 8];
    const path = points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    if (area) {
      const back = [...points]
        .reverse()
        .map((p) => `${p.x.toFixed(1)},${p.base.toFixed(1)}`)
        .join(' ');
      return `<polygon points="${path} ${back}" fill="${colour}" fill-opacity="0.75" stroke="${colour}"/>`;
    }
    const dots = style.markers
      ? points
          .map((p) => `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3" fill="${colour}"/>`)
          .join('')
      : '';
    return `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}`;
  });
  return shapes.reverse().join('');
}

function scatter(rng: Rng, data: ChartData, plot: Plot, style: ChartStyle): string {
  return data.series
    .map((_, s) => {
      const slope = rng.range(-0.8, 0.9);
      const spread = rng.range(0.05, 0.3);
      return Array.from({ length: rng.int(20, 80) }, () => {
        const fx = rng.float();
        const fy = Math.min(0.98, Math.max(0.02, 0.5 + slope * (fx - 0.5) + rng.range(-spread, spread)));
        return `<circle cx="${(plot.left + fx * plot.width).toFixed(1)}" cy="${(plot.top + plot.height - fy * plot.height).toFixed(1)}" r="${style.markers ? 4 : 2.5}" fill="${style.theme.series[s % 8]}" fill-opacity="0.8"/>`;
      }).join('');
    })
    .join('');
}

function pie(data: ChartData, style: ChartStyle, donut: boolean): string {
  const values = data.series[0]?.values ?? [];
  const total = values.reduce((sum, v) => sum + v, 0);
  const cx = style.width * (style.legend ? 0.38 : 0.5);
  const cy = style.height / 2 + 10;
  const r = Math.min(style.width * 0.3, style.height * 0.38);
  let angle = -Math.PI / 2;
  const slices = values.map((value, i) => {
    const sweep = (value / total) * Math.PI * 2;
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    const mid = angle + sweep / 2;
    angle += sweep;
    const [x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    const large = sweep > Math.PI ? 1 : 0;
    const label =
      sweep > 0.35
        ? text(
            cx + r * 0.7 * Math.cos(mid),
            cy + r * 0.7 * Math.sin(mid) + 4,
            `${Math.round((value / total) * 100)}%`,
            `text-anchor="middle" fill="#ffffff" font-size="12"`,
          )
        : '';
    return `<path d="M${cx.toFixed(1)},${cy.toFixed(1)} L${x1.toFixed(1)},${y1.toFixed(1)} A${r.toFixed(1)},${r.toFixed(1)} 0 ${large} 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z" fill="${style.theme.series[i % 8]}" stroke="${style.theme.bg}" stroke-width="2"/>${donut ? '' : label}`;
  });
  const hole = donut
    ? `<circle cx="${cx}" cy="${cy}" r="${(r * 0.55).toFixed(1)}" fill="${style.theme.bg}"/>${text(cx, cy + 6, formatTick(Math.round(total)), `text-anchor="middle" font-size="18" font-weight="700" fill="${style.theme.text}"`)}`
    : '';
  const keys = style.legend
    ? data.categories
        .map(
          (name, i) =>
            `<rect x="${style.width * 0.72}" y="${40 + i * 20}" width="11" height="11" fill="${style.theme.series[i % 8]}"/>${text(style.width * 0.72 + 16, 50 + i * 20, name, `font-size="12" fill="${style.theme.text}"`)}`,
        )
        .join('')
    : '';
  return `${slices.join('')}${hole}${keys}`;
}

export function chartSvg(rng: Rng, type: ChartType, data: ChartData, style: ChartStyle): string {
  const { width, height, theme } = style;
  let body: string;
  if (type === 'pie' || type === 'donut') body = pie(data, style, type === 'donut');
  else {
    const horizontal = type === 'horizontal-bar';
    const plot = {
      left: horizontal ? 90 : 56,
      top: style.legend ? 30 : 12,
      width: width - (horizontal ? 110 : 72),
      height: height - (style.legend ? 30 : 12) - 30,
    };
    const stackedMax = Math.max(
      ...data.categories.map((_, i) => data.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)),
    );
    const plainMax = Math.max(...data.series.flatMap((s) => s.values));
    const ticks = niceTicks(
      type === 'stacked-bar' || type === 'area' ? stackedMax : type === 'scatter' ? 1 : plainMax,
    );
    const max = ticks.at(-1) ?? 1;
    const marks =
      type === 'scatter'
        ? scatter(rng, data, plot, style)
        : type === 'line' || type === 'area'
          ? lines(data, plot, max, style, type === 'area')
          : bars(data, plot, max, style, type);
    const xAxis =
      type === 'scatter'
        ? valueAxis(plot, niceTicks(100), 100, style, true)
        : categoryLabels(plot, data.categories, style, horizontal);
    body = `${valueAxis(plot, ticks, max, style, horizontal)}${marks}${xAxis}${legend(
      data,
      style,
      data.series.map((s) => s.name),
    )}`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" fill="${theme.text}">${body}</svg>`;
}
