/** Calendars: a month grid with events, a week of hourly columns, and (test-only) one day's agenda. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;
}

function header(title: string): string {
  return `<header><b>${escapeHtml(title)}</b><span class="btn secondary">Today</span><span class="muted">‹ ›</span><span class="views"><span>Day</span><span>Week</span><span>Month</span></span></header>`;
}

function event(context: PageContext): string {
  return escapeHtml(context.prose.heading(1, 3));
}

function month(context: PageContext): FamilyPage {
  const { rng, theme } = context;
  const year = rng.int(2024, 2028);
  const monthIndex = rng.int(0, 11);
  const offset = rng.int(0, 6);
  const days = rng.int(28, 31);
  const today = rng.int(1, days);
  const cells: string[] = [];
  for (let i = 0; i < 42; i++) {
    const day = i - offset + 1;
    if (day < 1 || day > days) {
      cells.push('<div class="day out"></div>');
      continue;
    }
    const chips = Array.from(
      { length: rng.chance(0.35) ? rng.int(1, 3) : 0 },
      () => `<div class="ev" style="background:${rng.pick(theme.series)}">${event(context)}</div>`,
    ).join('');
    cells.push(`<div class="day"><span class="${day === today ? 'today' : ''}">${day}</span>${chips}</div>`);
  }
  const body = `${header(`${MONTHS[monthIndex] ?? 'May'} ${year}`)}<div class="grid">${DAYS.map((d) => `<div class="dow">${d}</div>`).join('')}${cells.join('')}</div>`;
  const css = `${styles(context)}
.grid { display: grid; grid-template-columns: repeat(7, 1fr); border-left: 1px solid ${theme.border}; }
.dow { padding: 0.3em; font-size: 0.8em; color: ${theme.muted}; text-align: center; border-right: 1px solid ${theme.border}; border-bottom: 1px solid ${theme.border}; }
.day { min-height: ${rng.int(70, 110)}px; padding: 0.2em; border-right: 1px solid ${theme.border}; border-bottom: 1px solid ${theme.border}; font-size: 0.85em; overflow: hidden; }
.out { background: ${theme.surface}; } .today { background: ${theme.accent}; color: ${theme.onAccent}; border-radius: 999px; padding: 0 0.45em; }
.ev { color: #fff; border-radius: 3px; padding: 0 0.3em; margin-top: 0.15em; font-size: 0.8em; white-space: nowrap; overflow: hidden; }`;
  return { css, body, subject: { key: 'calendar-month' } };
}

function week(context: PageContext): FamilyPage {
  const { rng, theme } = context;
  const first = rng.int(8, 9);
  const hours = rng.int(9, 12);
  const dayCount = rng.pick([5, 7]);
  const start = rng.int(1, 22);
  const hourHeight = rng.int(36, 56);
  const columns = Array.from({ length: dayCount }, () => {
    const events = Array.from({ length: rng.int(0, 4) }, () => {
      const top = rng.int(0, (hours - 1) * 2) * (hourHeight / 2);
      const height = rng.int(1, 4) * (hourHeight / 2);
      return `<div class="ev" style="top:${top}px;height:${height}px;background:${rng.pick(theme.series)}">${event(context)}<br><small>${clock(first * 60 + (top / hourHeight) * 60)}</small></div>`;
    });
    return `<div class="col">${events.join('')}</div>`;
  });
  const times = Array.from(
    { length: hours },
    (_, h) => `<div class="t">${String(first + h).padStart(2, '0')}:00</div>`,
  ).join('');
  const heads = Array.from(
    { length: dayCount },
    (_, d) => `<div class="dh">${DAYS[d] ?? ''} <b>${start + d}</b></div>`,
  ).join('');
  const body = `${header(`${MONTHS[rng.int(0, 11)] ?? 'May'} ${rng.int(2024, 2028)}`)}<div class="heads"><div class="tcol"></div>${heads}</div><div class="week"><div class="tcol">${times}</div>${columns.join('')}</div>`;
  const css = `${styles(context)}
.heads, .week { display: flex; } .tcol { flex: 0 0 4em; } .dh, .col { flex: 1; border-left: 1px solid ${theme.border}; }
.dh { text-align: center; padding: 0.3em; font-size: 0.85em; color: ${theme.muted}; } .dh b { color: ${theme.text}; font-size: 1.3em; }
.t { height: ${hourHeight}px; font-size: 0.75em; color: ${theme.muted}; text-align: right; padding-right: 0.4em; }
.col { position: relative; height: ${hours * hourHeight}px; background: repeating-linear-gradient(${theme.bg} 0 ${hourHeight - 1}px, ${theme.border} ${hourHeight - 1}px ${hourHeight}px); }
.ev { position: absolute; left: 3px; right: 3px; border-radius: 4px; color: #fff; font-size: 0.75em; padding: 0.2em 0.4em; overflow: hidden; }`;
  return { css, body, subject: { key: 'calendar-week' } };
}

/** Test-only: one day as a list of timed events. */
function agenda(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  let minutes = rng.int(7, 10) * 60;
  const rows = Array.from({ length: rng.int(4, 10) }, () => {
    minutes += rng.int(1, 4) * 30;
    const length = rng.int(1, 4) * 15;
    return `<div class="row"><div class="when">${clock(minutes)}<br><span class="muted">${clock(minutes + length)}</span></div><div class="what" style="border-color:${rng.pick(theme.series)}"><b>${event(context)}</b><div class="muted">${escapeHtml(prose.title(1, 3))} · ${escapeHtml(prose.personName())}</div></div></div>`;
  });
  const body = `${header(`${DAYS[rng.int(0, 6)] ?? 'Mon'}, ${rng.int(1, 28)} ${MONTHS[rng.int(0, 11)] ?? 'May'}`)}<main>${rows.join('')}</main>`;
  const css = `${styles(context)}
main { max-width: 720px; padding: 0.5em 1.5em; } .row { display: flex; gap: 1.2em; padding: 0.7em 0; border-bottom: 1px solid ${theme.border}; }
.when { flex: 0 0 4em; font-variant-numeric: tabular-nums; } .what { border-left: 4px solid; padding-left: 0.8em; }`;
  return { css, body, subject: { key: 'agenda' } };
}

function styles(context: PageContext): string {
  const { theme } = context;
  return `
header { display: flex; gap: 1.2em; align-items: center; padding: 0.7em 1em; border-bottom: 1px solid ${theme.border}; }
header b { font-size: 1.3em; } .views { margin-left: auto; display: flex; gap: 0.2em; } .views span { padding: 0.2em 0.7em; border: 1px solid ${theme.border}; }`;
}

export const calendarFamily: PageFamily = {
  kind: 'calendar',
  layouts: ['month', 'week', 'agenda'],
  darkShare: 0.25,
  build(context, layout) {
    if (layout === 'week') return week(context);
    if (layout === 'agenda') return agenda(context);
    return month(context);
  },
};
