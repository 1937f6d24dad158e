/** Dashboards: rows of figures with changes, small charts and a short table, with or without a sidebar. */
import type { ChartType } from './chart-svg.ts';
import { randomChart } from './chart.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';
import { capitalise } from './prose.ts';

function figure(context: PageContext): string {
  const { rng, prose, theme } = context;
  const up = rng.chance(0.6);
  const value = rng.pick([
    prose.amount(100, 99_999, 0),
    `$${prose.amount(1, 999)}k`,
    prose.percent(),
    String(rng.int(10, 9999)),
  ]);
  return `<div class="card kpi"><div class="muted">${escapeHtml(capitalise(prose.heading(1, 3)))}</div><div class="big">${value}</div><div style="color:${up ? theme.good : theme.bad}">${up ? '▲' : '▼'} ${rng.range(0.1, 30).toFixed(1)}%</div></div>`;
}

function miniTable(context: PageContext): string {
  const { rng, prose } = context;
  const rows = Array.from(
    { length: rng.int(3, 7) },
    () =>
      `<tr><td>${escapeHtml(capitalise(prose.heading(1, 3)))}</td><td class="num">${rng.int(1, 9999)}</td><td class="num">${prose.percent()}</td></tr>`,
  );
  return `<div class="card panel"><h4>${escapeHtml(prose.title(1, 3))}</h4><table>${rows.join('')}</table></div>`;
}

function chartPanel(context: PageContext): string {
  const { rng, prose } = context;
  const type = rng.pick<ChartType>(['line', 'bar', 'area', 'pie', 'donut', 'stacked-bar']);
  return `<div class="card panel"><h4>${escapeHtml(prose.title(1, 4))}</h4>${randomChart(context, type, 520, 280)}</div>`;
}

function build(context: PageContext, layout: string): FamilyPage {
  const { rng, prose, theme } = context;
  const sidebar = layout === 'admin';
  const nav = ['Overview', 'Reports', 'Customers', 'Orders', 'Products', 'Settings'];
  const figures = Array.from({ length: rng.int(3, 5) }, () => figure(context)).join('');
  const panels = rng
    .shuffle([chartPanel(context), chartPanel(context), miniTable(context)])
    .slice(0, rng.int(2, 3))
    .join('');
  const top = `<header><b>${escapeHtml(prose.title(1, 2))}</b><span class="muted">${prose.date()}</span></header>`;
  const main = `<main>${sidebar ? '' : top}<h2>${escapeHtml(rng.pick(nav))}</h2><div class="kpis">${figures}</div><div class="panels">${panels}</div></main>`;
  const aside = sidebar
    ? `<aside><b>${escapeHtml(prose.nameWord())}</b>${nav.map((n, i) => `<div class="${i === 0 ? 'on' : ''}">${n}</div>`).join('')}</aside>`
    : '';
  const css = `
body { display: flex; background: ${theme.dark ? theme.bg : theme.surfaceAlt}; }
aside { flex: 0 0 ${rng.int(150, 210)}px; min-height: 100vh; padding: 1em; background: ${theme.dark ? theme.surface : '#1f2937'}; color: #e5e7eb; }
aside b { display: block; margin-bottom: 1em; } aside div { padding: 0.4em 0.6em; border-radius: ${theme.radius}px; opacity: 0.8; } aside .on { background: ${theme.accent}; color: ${theme.onAccent}; opacity: 1; }
main { flex: 1; padding: 0.6em 1.2em; min-width: 0; } header { display: flex; justify-content: space-between; padding: 0.4em 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0.8em; }
.kpi { padding: 0.8em 1em; } .big { font-size: 1.7em; font-weight: 700; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0.8em; margin-top: 0.8em; }
.panel { padding: 0.6em 1em; } .panel h4 { margin-top: 0.2em; } .panel table { width: 100%; font-size: 0.9em; }
.panel td { padding: 0.3em 0; border-bottom: 1px solid ${theme.border}; } .num { text-align: right; }
svg text { font-family: ${theme.font}; }`;
  return { css, body: `${aside}${main}`, subject: { key: 'dashboard' } };
}

export const dashboardFamily: PageFamily = {
  kind: 'dashboard',
  layouts: ['analytics', 'admin'],
  darkShare: 0.35,
  frameHint: { desktopOnly: true },
  build,
};
