/** Tables: a data table with status labels and paging, a spreadsheet grid, and a plan comparison grid. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';
import { capitalise } from './prose.ts';

type Column = 'name' | 'id' | 'number' | 'money' | 'percent' | 'date' | 'status' | 'word';

const STATUSES = ['Active', 'Pending', 'Closed', 'Draft', 'Paid', 'Overdue', 'Open'];

function cell(context: PageContext, column: Column): string {
  const { rng, prose, theme } = context;
  if (column === 'name') return escapeHtml(prose.personName());
  if (column === 'id') return `#${rng.int(1000, 99999)}`;
  if (column === 'number') return String(rng.int(0, 5000));
  if (column === 'money') return `${rng.pick(['$', '€', '£', ''])}${prose.amount(1, 20_000)}`;
  if (column === 'percent') return prose.percent();
  if (column === 'date') return prose.date();
  if (column === 'word') return escapeHtml(capitalise(prose.heading(1, 3)));
  const status = rng.pick(STATUSES);
  const colour = rng.pick([theme.good, theme.warn, theme.bad, theme.accent]);
  return `<span class="pill" style="color:${colour};border-color:${colour}">${status}</span>`;
}

function dataTable(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const columns: Column[] = [
    'word',
    ...rng
      .shuffle<Column>(['name', 'id', 'number', 'money', 'percent', 'date', 'status'])
      .slice(0, rng.int(2, 6)),
  ];
  const numeric = (c: Column) => c === 'number' || c === 'money' || c === 'percent';
  const head = columns
    .map((c) => `<th class="${numeric(c) ? 'num' : ''}">${escapeHtml(capitalise(prose.noun()))}</th>`)
    .join('');
  const rows = Array.from(
    { length: rng.int(6, 24) },
    () =>
      `<tr>${columns.map((c) => `<td class="${numeric(c) ? 'num' : ''}">${cell(context, c)}</td>`).join('')}</tr>`,
  );
  const total = rng.int(rows.length + 1, 900);
  const striped = rng.chance(0.5);
  const body = `<main><h2>${escapeHtml(prose.title(1, 3))}</h2><div class="tools"><span class="field">${escapeHtml(capitalise(prose.noun()))}…</span><span class="btn">${escapeHtml(capitalise(prose.verb()))}</span></div><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table><p class="muted pager">1–${rows.length} of ${total}</p></main>`;
  const css = `
main { padding: 1em ${rng.int(12, 40)}px; }
.tools { display: flex; gap: 0.8em; margin-bottom: 0.8em; }
.field { border: 1px solid ${theme.border}; border-radius: ${theme.radius}px; padding: 0.4em 0.8em; min-width: 14em; color: ${theme.muted}; background: ${theme.surface}; }
table { width: 100%; font-size: ${rng.pick(['0.85em', '0.9em', '1em'])}; }
th { text-align: left; color: ${theme.muted}; font-weight: 600; border-bottom: 2px solid ${theme.border}; padding: 0.5em 0.7em; }
td { padding: ${rng.pick(['0.3em', '0.5em', '0.7em'])} 0.7em; border-bottom: 1px solid ${theme.border}; }
${striped ? `tbody tr:nth-child(odd) { background: ${theme.surface}; }` : ''}
.num { text-align: right; font-variant-numeric: tabular-nums; }
.pill { border: 1px solid; border-radius: 999px; padding: 0 0.6em; font-size: 0.85em; }`;
  return { css, body, subject: { key: 'table' } };
}

function columnName(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${String.fromCharCode(65 + index - 26)}`;
}

function spreadsheet(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const columns = rng.int(6, 16);
  const rows = rng.int(14, 40);
  const selected = { row: rng.int(1, rows), column: rng.int(0, columns - 1) };
  const grid: string[] = [
    `<tr><th></th>${Array.from({ length: columns }, (_, c) => `<th>${columnName(c)}</th>`).join('')}</tr>`,
  ];
  const dataRows = rng.int(4, rows);
  const dataColumns = rng.int(3, columns);
  for (let r = 1; r <= rows; r++) {
    const cells = Array.from({ length: columns }, (_, c) => {
      const sel = r === selected.row && c === selected.column ? ' class="sel"' : '';
      if (r > dataRows || c >= dataColumns) return `<td${sel}></td>`;
      if (r === 1) return `<td${sel}><b>${escapeHtml(capitalise(prose.noun()))}</b></td>`;
      if (c === 0) return `<td${sel}>${escapeHtml(capitalise(prose.noun()))}</td>`;
      return `<td${sel} class="n">${rng.chance(0.5) ? rng.int(0, 9999) : prose.amount(0, 999)}</td>`;
    });
    grid.push(`<tr><th>${r}</th>${cells.join('')}</tr>`);
  }
  const menu = ['File', 'Edit', 'View', 'Insert', 'Format', 'Data', 'Tools', 'Help']
    .map((m) => `<span>${m}</span>`)
    .join('');
  const ref = `${columnName(selected.column)}${selected.row}`;
  const body = `<div class="menu"><b>${escapeHtml(prose.title(1, 3))}</b>${menu}</div><div class="formula"><span class="ref">${ref}</span><span class="fx">fx</span><span>=SUM(${columnName(selected.column)}2:${columnName(selected.column)}${dataRows})</span></div><table class="grid">${grid.join('')}</table><div class="sheets"><span class="on">Sheet1</span><span>Sheet2</span></div>`;
  const css = `
body { font-family: 'DejaVu Sans', sans-serif; font-size: ${rng.int(11, 13)}px; }
.menu { display: flex; gap: 1.2em; padding: 0.5em 0.8em; background: ${theme.surface}; border-bottom: 1px solid ${theme.border}; }
.formula { display: flex; gap: 1em; padding: 0.3em 0.8em; border-bottom: 1px solid ${theme.border}; }
.ref { min-width: 4em; border-right: 1px solid ${theme.border}; } .fx { color: ${theme.muted}; font-style: italic; }
.grid { border-collapse: collapse; }
.grid th { background: ${theme.surfaceAlt}; color: ${theme.muted}; font-weight: normal; border: 1px solid ${theme.border}; padding: 0.15em 0.4em; min-width: 2.5em; }
.grid td { border: 1px solid ${theme.border}; padding: 0.15em 0.4em; min-width: ${rng.int(5, 8)}em; height: 1.6em; white-space: nowrap; }
.grid td.n { text-align: right; } .grid td.sel { outline: 2px solid ${theme.accent}; outline-offset: -1px; }
.sheets { display: flex; gap: 0.5em; padding: 0.3em 0.8em; background: ${theme.surface}; }
.sheets span { padding: 0.2em 1em; } .sheets .on { background: ${theme.bg}; color: ${theme.accent}; font-weight: 600; }`;
  return { css, body, subject: { key: 'spreadsheet' } };
}

/** Test-only: plans side by side, prices on top, features down the side. */
function comparison(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const plans = Array.from({ length: rng.int(2, 4) }, () => capitalise(prose.noun()));
  const featured = rng.int(0, plans.length - 1);
  const head = plans
    .map(
      (plan, i) =>
        `<th class="${i === featured ? 'hot' : ''}">${escapeHtml(plan)}<div class="price">$${rng.int(0, 99)}<small>/mo</small></div></th>`,
    )
    .join('');
  const rows = Array.from({ length: rng.int(5, 12) }, () => {
    const kind = rng.int(0, 2);
    const cells = plans.map((_, i) => {
      const value =
        kind === 0
          ? rng.chance(0.6)
            ? 'Yes'
            : '—'
          : kind === 1
            ? String(rng.int(1, 500))
            : rng.pick(['Basic', 'Full', 'Limited', 'Custom']);
      return `<td class="${i === featured ? 'hot' : ''}">${value}</td>`;
    });
    return `<tr><th class="feature">${escapeHtml(capitalise(prose.heading(1, 3)))}</th>${cells.join('')}</tr>`;
  });
  const body = `<main><h1>${escapeHtml(prose.title(2, 4))}</h1><table><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></main>`;
  const css = `
main { padding: 1.5em; text-align: center; } table { margin: 0 auto; min-width: 70%; }
th, td { padding: 0.6em 1.2em; border-bottom: 1px solid ${theme.border}; }
th.feature { text-align: left; font-weight: normal; }
.price { font-size: 1.6em; font-weight: 700; } .price small { font-size: 0.5em; color: ${theme.muted}; }
.hot { background: ${theme.surfaceAlt}; } thead .hot { border-top: 3px solid ${theme.accent}; }`;
  return { css, body, subject: { key: 'comparison' } };
}

export const tableFamily: PageFamily = {
  kind: 'table',
  layouts: ['data-table', 'spreadsheet', 'comparison'],
  darkShare: 0.25,
  build(context, layout) {
    if (layout === 'spreadsheet') return spreadsheet(context);
    if (layout === 'comparison') return comparison(context);
    return dataTable(context);
  },
};
