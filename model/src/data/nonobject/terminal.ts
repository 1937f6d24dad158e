/** Terminals: a shell session of commands and their output, and a stream of log lines. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';
import { MONO_FONT } from './theme.ts';

interface TerminalColours {
  bg: string;
  fg: string;
  prompt: string;
  path: string;
  good: string;
  bad: string;
  warn: string;
  dim: string;
}

const DARK: readonly TerminalColours[] = [
  {
    bg: '#000000',
    fg: '#cccccc',
    prompt: '#4ec94e',
    path: '#5c8cff',
    good: '#4ec94e',
    bad: '#ff5555',
    warn: '#e5c07b',
    dim: '#808080',
  },
  {
    bg: '#300a24',
    fg: '#eeeeec',
    prompt: '#8ae234',
    path: '#729fcf',
    good: '#8ae234',
    bad: '#ef2929',
    warn: '#fce94f',
    dim: '#a0a0a0',
  },
  {
    bg: '#002b36',
    fg: '#93a1a1',
    prompt: '#859900',
    path: '#268bd2',
    good: '#859900',
    bad: '#dc322f',
    warn: '#b58900',
    dim: '#586e75',
  },
  {
    bg: '#1e1e1e',
    fg: '#d4d4d4',
    prompt: '#23d18b',
    path: '#3b8eea',
    good: '#23d18b',
    bad: '#f14c4c',
    warn: '#f5f543',
    dim: '#7f7f7f',
  },
];
const LIGHT: TerminalColours = {
  bg: '#ffffff',
  fg: '#1e1e1e',
  prompt: '#1a7f37',
  path: '#0550ae',
  good: '#1a7f37',
  bad: '#cf222e',
  warn: '#9a6700',
  dim: '#6e7781',
};

function colours(context: PageContext): TerminalColours {
  const { theme, rng } = context;
  if (theme.name === 'high-contrast')
    return {
      bg: '#000000',
      fg: '#ffffff',
      prompt: '#ffff00',
      path: '#00ffff',
      good: '#00ff00',
      bad: '#ff6060',
      warn: '#ffff00',
      dim: '#ffffff',
    };
  if (theme.name === 'sepia') return { ...LIGHT, bg: theme.bg, fg: theme.text, dim: theme.muted };
  return theme.dark ? rng.pick(DARK) : LIGHT;
}

const span = (cls: string, text: string) => `<span class="${cls}">${escapeHtml(text)}</span>`;

function commandOutput(context: PageContext): string[] {
  const { rng, prose } = context;
  const kind = rng.int(0, 3);
  if (kind === 0) {
    return Array.from({ length: rng.int(3, 10) }, () => {
      const dir = rng.chance(0.3);
      const name = `${prose.identifier('snake', rng.int(1, 2))}${dir ? '' : rng.pick(['.ts', '.py', '.json', '.md', '.txt', '.rs'])}`;
      return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'}  1 ${prose.nameWord().toLowerCase()}  staff  ${String(rng.int(64, 90_000)).padStart(6)} ${prose.date()} ${dir ? span('p', name) : escapeHtml(name)}`;
    });
  }
  if (kind === 1) {
    return Array.from(
      { length: rng.int(3, 9) },
      () =>
        `${span('w', rng.int(0, 0xfffffff).toString(16).padStart(7, '0'))} ${escapeHtml(prose.heading(3, 8))}`,
    );
  }
  if (kind === 2) {
    const lines = Array.from({ length: rng.int(3, 9) }, () => {
      const pass = rng.chance(0.85);
      return `${pass ? span('g', ' PASS ') : span('b', ' FAIL ')} ${escapeHtml(prose.identifier('kebab', 2))}/${escapeHtml(prose.identifier('snake', 2))}.test ${span('d', `(${rng.int(2, 900)} ms)`)}`;
    });
    return [...lines, '', `Tests: ${span('g', `${rng.int(5, 300)} passed`)}, ${rng.int(5, 300)} total`];
  }
  return Array.from({ length: rng.int(2, 6) }, () => escapeHtml(prose.sentence()));
}

function shell(context: PageContext, rows: number): string {
  const { rng, prose } = context;
  const user = prose.nameWord().toLowerCase();
  const host = prose.noun();
  const commands = [
    'ls -la',
    'git log --oneline',
    'npm test',
    'cat notes.txt',
    'make build',
    'python3 run.py',
    'cargo test',
  ];
  const lines: string[] = [];
  const target = rows * rng.range(0.5, 1.1);
  for (let n = 0; n < 2 || (lines.length < target && n < 12); n++) {
    const dir = `~/${prose.identifier('kebab', rng.int(1, 2))}`;
    lines.push(`${span('pr', `${user}@${host}`)}:${span('p', dir)}$ ${escapeHtml(rng.pick(commands))}`);
    lines.push(...commandOutput(context));
  }
  lines.push(`${span('pr', `${user}@${host}`)}:${span('p', '~')}$ <span class="cursor"> </span>`);
  return lines.join('\n');
}

function logs(context: PageContext, rows: number): string {
  const { rng, prose } = context;
  const level = () =>
    rng.weighted([
      ['INFO', 8],
      ['DEBUG', 3],
      ['WARN', 2],
      ['ERROR', 1],
    ] as const);
  const cls = { INFO: 'g', DEBUG: 'd', WARN: 'w', ERROR: 'b' } as const;
  let seconds = rng.int(0, 80_000);
  return Array.from({ length: Math.max(8, Math.round(rows * rng.range(0.6, 1.1))) }, () => {
    seconds += rng.int(0, 20);
    const time = new Date(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28), 0, 0, seconds)).toISOString();
    const lvl = level();
    return `${span('d', time)} ${span(cls[lvl], lvl.padEnd(5))} [${escapeHtml(prose.identifier('kebab', 1))}] ${escapeHtml(prose.heading(2, 6).toLowerCase())} ${span('d', `${prose.identifier('snake', 1)}=${rng.int(0, 9999)}`)}`;
  }).join('\n');
}

function build(context: PageContext, layout: string): FamilyPage {
  const { rng, prose } = context;
  const c = colours(context);
  const fontSize = rng.int(11, 16);
  // Lines that fill the window, as a terminal in use does; log lines wrap, so fewer are needed.
  const rows = Math.round(context.frame.height / (context.frame.zoom * fontSize * 1.35));
  const text = layout === 'logs' ? logs(context, rows) : shell(context, rows);
  const chrome = rng.chance(0.6)
    ? `<div class="title">${escapeHtml(`${prose.nameWord().toLowerCase()} — ${rng.pick(['bash', 'zsh', 'ssh', 'tail -f'])} — ${rng.int(80, 160)}×${rng.int(24, 50)}`)}</div>`
    : '';
  const css = `
body { background: ${c.bg}; color: ${c.fg}; }
.title { text-align: center; font-size: 12px; padding: 0.35em; background: ${c.dim}; color: ${c.bg}; }
pre { margin: 0; padding: 0.6em 0.8em; font-family: ${MONO_FONT}; font-size: ${fontSize}px; line-height: 1.35; white-space: pre-wrap; }
.pr { color: ${c.prompt}; font-weight: 700; } .p { color: ${c.path}; } .g { color: ${c.good}; } .b { color: ${c.bad}; } .w { color: ${c.warn}; } .d { color: ${c.dim}; }
.cursor { background: ${c.fg}; }`;
  return {
    css,
    body: `${chrome}<pre>${text}</pre>`,
    subject: { key: layout === 'logs' ? 'logs' : 'terminal' },
  };
}

export const terminalFamily: PageFamily = {
  kind: 'terminal',
  layouts: ['shell', 'logs'],
  darkShare: 0.85,
  build,
};
