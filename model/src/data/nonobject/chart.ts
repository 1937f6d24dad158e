/** Chart pages: one chart as a report figure, a card, or alone; bar, line, pie, scatter and area charts. */
import type { CaptionKey } from './captions.ts';
import { chartData } from './chart-data.ts';
import { type ChartType, chartSvg } from './chart-svg.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';
import { capitalise } from './prose.ts';

export const CHART_CAPTION: Record<ChartType, CaptionKey> = {
  bar: 'bar-chart',
  'stacked-bar': 'bar-chart',
  'horizontal-bar': 'bar-chart',
  line: 'line-chart',
  area: 'area-chart',
  scatter: 'scatter-plot',
  pie: 'pie-chart',
  donut: 'donut-chart',
};

/** An SVG chart of the type with generated data, scaled to its container's width. */
export function randomChart(context: PageContext, type: ChartType, width: number, height: number): string {
  const { rng, prose, theme } = context;
  const round = type === 'pie' || type === 'donut';
  const categories = round
    ? rng.int(3, 7)
    : type === 'line' || type === 'area'
      ? rng.int(6, 16)
      : rng.int(3, 10);
  const series = round
    ? 1
    : type === 'scatter'
      ? rng.int(1, 3)
      : type === 'stacked-bar' || type === 'area'
        ? rng.int(2, 4)
        : rng.int(1, 3);
  const data = chartData(rng, prose, categories, series, type === 'line' || type === 'area');
  const style = {
    width,
    height,
    theme,
    gridlines: rng.chance(0.7),
    legend: round || series > 1 || rng.chance(0.3),
    markers: rng.chance(0.5),
    yTitle: rng.chance(0.4) ? capitalise(prose.noun()) : null,
  };
  return chartSvg(rng, type, data, style).replace(
    '<svg ',
    '<svg style="width:100%;height:auto;display:block" ',
  );
}

function chartType(layout: string, context: PageContext): ChartType {
  if (layout === 'bar') return context.rng.chance(0.3) ? 'stacked-bar' : 'bar';
  const types: readonly ChartType[] = ['line', 'area', 'scatter', 'pie', 'donut', 'horizontal-bar'];
  return types.find((type) => type === layout) ?? 'bar';
}

function build(context: PageContext, layout: string): FamilyPage {
  const { rng, prose, theme } = context;
  const type = chartType(layout, context);
  const width = rng.int(420, 900);
  const svg = randomChart(context, type, width, Math.round(width * rng.range(0.5, 0.75)));
  const title = escapeHtml(prose.title(2, 6));
  const presentation = rng.int(0, 2);
  let body: string;
  if (presentation === 0) {
    body = `<main class="figure"><h3>${title}</h3>${svg}<p class="muted"><b>Figure ${rng.int(1, 12)}.</b> ${escapeHtml(prose.sentence())}</p></main>`;
  } else if (presentation === 1) {
    body = `<main><div class="card chart-card"><h3>${title}</h3><p class="muted">${escapeHtml(prose.heading(2, 6))}</p>${svg}</div></main>`;
  } else {
    body = `<main class="bare">${rng.chance(0.5) ? `<h2>${title}</h2>` : ''}${svg}</main>`;
  }
  const css = `
main { padding: ${rng.int(8, 40)}px; max-width: ${width + 80}px; margin: 0 auto; }
.chart-card { padding: 1em 1.2em; }
.figure p { font-size: 0.9em; }
svg text { font-family: ${theme.font}; }`;
  return { css, body, subject: { key: CHART_CAPTION[type] } };
}

export const chartFamily: PageFamily = {
  kind: 'chart',
  layouts: ['bar', 'line', 'pie', 'scatter', 'area', 'horizontal-bar', 'donut'],
  darkShare: 0.25,
  build,
};
