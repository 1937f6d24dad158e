/** Source code pages: an editor with tabs and line numbers, a code block in an article, a review diff. */
import { pickCodeScheme, tokenStyles } from './code-colours.ts';
import { generateSource, type SourceFile } from './code-source.ts';
import type { SourceLine } from './code-tokens.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';
import { MONO_FONT } from './theme.ts';

function lineHtml(line: SourceLine, indentWidth: number): string {
  const indent = ' '.repeat(line.indent * indentWidth);
  const spans = line.tokens.map((t) =>
    t.kind === 'plain' ? escapeHtml(t.text) : `<span class="t-${t.kind}">${escapeHtml(t.text)}</span>`,
  );
  return `${indent}${spans.join('')}`;
}

function codeCss(context: PageContext, fontSize: number): string {
  const code = pickCodeScheme(context.rng, context.theme);
  return `
.code { background: ${code.bg}; color: ${code.tokens.plain}; font-family: ${MONO_FONT}; font-size: ${fontSize}px; line-height: 1.45; }
.code pre { margin: 0; white-space: pre; }
.gutter { background: ${code.gutter}; color: ${code.gutterText}; text-align: right; user-select: none; padding: 0 0.8em 0 1em; }
${tokenStyles(code)}`;
}

function numberedCode(file: SourceFile, indentWidth: number, firstLine: number): string {
  const numbers = file.lines.map((_, i) => firstLine + i).join('\n');
  const text = file.lines.map((line) => lineHtml(line, indentWidth)).join('\n');
  return `<div class="code listing"><pre class="gutter">${numbers}</pre><pre class="text">${text}</pre></div>`;
}

function editor(context: PageContext): FamilyPage {
  const { rng, prose, theme, frame } = context;
  const fontSize = rng.int(11, 16);
  const rows = frame.height / (frame.zoom * fontSize * 1.45);
  const file = generateSource(rng, prose, Math.round(rows * rng.range(0.4, 1.1)));
  const fileName = `${prose.identifier('snake', rng.int(1, 2))}.${file.extension}`;
  const otherTabs = Array.from(
    { length: rng.int(0, 3) },
    () => `<span>${escapeHtml(prose.identifier('snake', 1))}.${file.extension}</span>`,
  );
  const tree = rng.chance(0.55)
    ? `<aside>${Array.from({ length: rng.int(5, 14) }, (_, i) => `<div${i === 0 ? ' class="open"' : ''}>${escapeHtml(prose.identifier('snake', rng.int(1, 2)))}${rng.chance(0.3) ? '/' : `.${file.extension}`}</div>`).join('')}</aside>`
    : '';
  const body = `<div class="tabs"><span class="active">${escapeHtml(fileName)}</span>${otherTabs.join('')}</div><div class="main">${tree}${numberedCode(file, rng.pick([2, 4]), 1)}</div><div class="status"><span>${file.language}</span><span>Ln ${rng.int(1, 90)}, Col ${rng.int(1, 40)}</span><span>UTF-8</span></div>`;
  const css = `${codeCss(context, fontSize)}
body { display: flex; flex-direction: column; height: 100vh; }
.tabs { display: flex; background: ${theme.surfaceAlt}; font-size: 12px; }
.tabs span { padding: 0.5em 1.2em; color: ${theme.muted}; border-right: 1px solid ${theme.border}; }
.tabs .active { background: ${theme.bg}; color: ${theme.text}; border-top: 2px solid ${theme.accent}; }
.main { flex: 1; display: flex; overflow: hidden; }
aside { width: ${rng.int(140, 220)}px; background: ${theme.surface}; color: ${theme.muted}; font-size: 12px; padding: 0.6em; border-right: 1px solid ${theme.border}; }
aside div { padding: 0.15em 0.4em; } aside .open { background: ${theme.surfaceAlt}; color: ${theme.text}; }
.listing { flex: 1; display: flex; padding-top: 0.5em; overflow: hidden; }
.status { display: flex; gap: 2em; padding: 0.2em 1em; font-size: 11px; background: ${theme.accent}; color: ${theme.onAccent}; }`;
  return { css, body, subject: { key: 'code', language: file.language } };
}

function snippet(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const file = generateSource(rng, prose);
  const numbered = rng.chance(0.4);
  const indent = rng.pick([2, 4]);
  const code = numbered
    ? numberedCode(file, indent, 1)
    : `<div class="code listing"><pre class="text">${file.lines.map((line) => lineHtml(line, indent)).join('\n')}</pre></div>`;
  const body = `<main><h2>${escapeHtml(prose.heading())}</h2><p>${escapeHtml(prose.paragraph(1, 3))}</p>${code}<p>${escapeHtml(prose.paragraph(1, 3))}</p></main>`;
  const css = `${codeCss(context, rng.int(12, 15))}
main { max-width: ${rng.int(600, 900)}px; margin: 0 auto; padding: 1.5em; }
.listing { display: flex; padding: 1em 0.8em; border-radius: ${theme.radius}px; border: 1px solid ${theme.border}; overflow: hidden; margin: 1em 0; }`;
  return { css, body, subject: { key: 'code', language: file.language } };
}

/** Test-only: a review diff with removed and added lines. */
function diff(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const file = generateSource(rng, prose);
  const indent = rng.pick([2, 4]);
  let oldLine = rng.int(1, 200);
  let newLine = oldLine;
  const rows = file.lines.map((line) => {
    const change = rng.weighted([
      ['same', 6],
      ['del', 1.5],
      ['add', 2],
    ] as const);
    const left = change === 'add' ? '' : String(oldLine++);
    const right = change === 'del' ? '' : String(newLine++);
    const mark = change === 'add' ? '+' : change === 'del' ? '-' : ' ';
    return `<tr class="${change}"><td class="n">${left}</td><td class="n">${right}</td><td><pre>${mark} ${lineHtml(line, indent)}</pre></td></tr>`;
  });
  const path = `${prose.identifier('kebab', 1)}/${prose.identifier('snake', 2)}.${file.extension}`;
  const body = `<div class="head"><b>${escapeHtml(path)}</b> <span class="muted">+${rng.int(1, 40)} −${rng.int(1, 30)}</span></div><table class="code">${rows.join('')}</table>`;
  const css = `${codeCss(context, rng.int(11, 14))}
.head { padding: 0.6em 1em; background: ${theme.surface}; border-bottom: 1px solid ${theme.border}; }
table.code { width: 100%; } td { padding: 0 0.5em; vertical-align: top; } td pre { margin: 0; }
td.n { color: ${theme.muted}; text-align: right; width: 3em; font-size: 0.9em; }
tr.add { background: ${theme.dark ? '#12361f' : '#e6ffec'}; } tr.del { background: ${theme.dark ? '#3c1618' : '#ffebe9'}; }`;
  return { css, body, subject: { key: 'code-diff', language: file.language } };
}

export const codeFamily: PageFamily = {
  kind: 'code',
  layouts: ['editor', 'snippet', 'diff'],
  darkShare: 0.6,
  build(context, layout) {
    if (layout === 'snippet') return snippet(context);
    if (layout === 'diff') return diff(context);
    return editor(context);
  },
};
