/** Presentation slides: a title slide, a slide of bullet points, and a slide with a chart. */
import type { ChartType } from './chart-svg.ts';
import { randomChart } from './chart.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';

function bullets(context: PageContext, count: number): string {
  return `<ul>${Array.from({ length: count }, () => `<li>${escapeHtml(context.prose.heading(3, 9))}</li>`).join('')}</ul>`;
}

function build(context: PageContext, layout: string): FamilyPage {
  const { rng, prose, theme } = context;
  const decoration = rng.int(0, 3);
  const footer = `<footer><span>${escapeHtml(prose.title(1, 3))}</span><span>${rng.int(2, 40)}</span></footer>`;
  let inner: string;
  let key: 'slide' | 'slide-chart' = 'slide';
  if (layout === 'title') {
    inner = `<div class="titleslide"><h1>${escapeHtml(prose.title(2, 6))}</h1><p>${escapeHtml(prose.heading(3, 7))}</p><p class="muted">${escapeHtml(prose.personName())} · ${prose.date()}</p></div>`;
  } else if (layout === 'chart') {
    key = 'slide-chart';
    const type = rng.pick<ChartType>(['bar', 'line', 'pie', 'area', 'stacked-bar']);
    const side = rng.chance(0.5) ? `<div class="side">${bullets(context, rng.int(2, 4))}</div>` : '';
    inner = `<h2>${escapeHtml(prose.title(2, 6))}</h2><div class="row"><div class="chart">${randomChart(context, type, 640, 380)}</div>${side}</div>`;
  } else {
    const twoColumns = rng.chance(0.3);
    const lists = twoColumns
      ? `<div class="row"><div>${bullets(context, rng.int(2, 4))}</div><div>${bullets(context, rng.int(2, 4))}</div></div>`
      : bullets(context, rng.int(3, 6));
    inner = `<h2>${escapeHtml(prose.title(2, 6))}</h2>${lists}`;
  }
  const accentFill = layout === 'title' && rng.chance(0.4);
  const css = `
body { height: 100vh; overflow: hidden; ${accentFill ? `background: ${theme.accent}; color: ${theme.onAccent};` : ''} }
.slide { position: relative; height: 100vh; padding: 5vh 6vw; font-size: 2.6vw; line-height: 1.35;
  ${decoration === 1 ? `border-top: 2vh solid ${theme.accent};` : decoration === 2 ? `border-left: 1.5vw solid ${theme.accent};` : ''} }
h1 { font-size: 2.2em; } h2 { font-size: 1.5em; margin-top: 0; ${decoration === 3 ? `border-bottom: 0.12em solid ${theme.accent}; padding-bottom: 0.2em;` : ''} }
.titleslide { display: flex; flex-direction: column; justify-content: center; height: 80%; }
${accentFill ? '.titleslide .muted { color: inherit; opacity: 0.8; }' : ''}
ul { padding-left: 1.2em; } li { margin: 0.35em 0; } li::marker { color: ${theme.accent}; }
.row { display: flex; gap: 4vw; align-items: flex-start; } .row > div { flex: 1; } .chart { flex: 1.6 !important; }
.side { font-size: 0.8em; }
svg text { font-family: ${theme.font}; }
footer { position: absolute; left: 6vw; right: 6vw; bottom: 3vh; display: flex; justify-content: space-between; font-size: 0.45em; opacity: 0.6; }`;
  return { css, body: `<div class="slide">${inner}${footer}</div>`, subject: { key } };
}

export const slideFamily: PageFamily = {
  kind: 'slide',
  layouts: ['title', 'bullets', 'chart'],
  darkShare: 0.3,
  frameHint: { aspect: 9 / 16, desktopOnly: true, noScroll: true },
  build,
};
