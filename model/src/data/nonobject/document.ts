/** Documents: an article, a wiki page with contents and sidebar, a plain-text note, and a two-column paper. */
import { escapeHtml } from './html.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import type { Prose } from './prose.ts';

function list(context: PageContext): string {
  const tag = context.rng.chance(0.5) ? 'ul' : 'ol';
  const items = Array.from({ length: context.rng.int(2, 6) }, () =>
    context.rng.chance(0.5) ? context.prose.heading(2, 6) : context.prose.sentence(),
  );
  return `<${tag}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`;
}

/** A paragraph, now and then with a footnote marker, whose number is taken from `footnotes`. */
function paragraph(context: PageContext, footnotes: string[]): string {
  let text = escapeHtml(context.prose.paragraph(2, 6));
  if (context.rng.chance(0.3)) {
    footnotes.push(context.prose.sentence());
    text = text.replace(/\.(?= )/, `.<sup>${footnotes.length}</sup>`);
  }
  if (context.rng.chance(0.25)) text = text.replace(/ (\w+ \w+) /, ' <strong>$1</strong> ');
  return `<p>${text}</p>`;
}

function sections(context: PageContext, footnotes: string[], numbered: boolean, count: number): string {
  const parts: string[] = [];
  for (let s = 1; s <= count; s++) {
    const number = numbered ? `${s} ` : '';
    parts.push(`<h2>${number}${escapeHtml(context.prose.heading())}</h2>`);
    for (let p = context.rng.int(1, 3); p > 0; p--) parts.push(paragraph(context, footnotes));
    if (context.rng.chance(0.35)) parts.push(list(context));
    if (context.rng.chance(0.12))
      parts.push(`<blockquote>${escapeHtml(context.prose.sentence())}</blockquote>`);
  }
  return parts.join('');
}

function footnoteList(footnotes: readonly string[]): string {
  if (footnotes.length === 0) return '';
  const items = footnotes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  return `<hr><ol class="footnotes">${items}</ol>`;
}

function byline(prose: Prose): string {
  return `<p class="muted byline">${escapeHtml(prose.personName())} · ${prose.date()}</p>`;
}

function article(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const footnotes: string[] = [];
  const width = rng.int(520, 820);
  const nav = rng.chance(0.6)
    ? `<nav><b>${escapeHtml(prose.title(1, 2))}</b>${Array.from({ length: rng.int(2, 5) }, () => `<span>${escapeHtml(prose.noun())}</span>`).join('')}</nav>`
    : '';
  const body = `${nav}<main><h1>${escapeHtml(prose.title(3, 7))}</h1>${byline(prose)}${paragraph(context, footnotes)}${sections(context, footnotes, false, rng.int(2, 4))}${footnoteList(footnotes)}</main>`;
  const css = `
nav { display: flex; gap: 1.4em; padding: 0.8em 1.5em; border-bottom: 1px solid ${theme.border}; background: ${theme.surface}; }
nav span { color: ${theme.muted}; }
main { max-width: ${width}px; margin: 0 auto; padding: 1em 1.5em 3em; }
h1 { font-size: ${rng.range(1.6, 2.6).toFixed(2)}em; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid ${theme.accent}; color: ${theme.muted}; }
.footnotes { font-size: 0.8em; color: ${theme.muted}; }
hr { border: 0; border-top: 1px solid ${theme.border}; }`;
  return { css, body, subject: { key: 'article' } };
}

function wiki(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const footnotes: string[] = [];
  const count = rng.int(3, 5);
  const sidebar = Array.from({ length: rng.int(6, 12) }, () => `<li>${escapeHtml(prose.heading(1, 3))}</li>`);
  const contents = Array.from(
    { length: count },
    (_, i) => `<li>${i + 1} ${escapeHtml(prose.heading(1, 3))}</li>`,
  );
  const body = `<aside><b>${escapeHtml(prose.title(1, 2))}</b><ul>${sidebar.join('')}</ul></aside><main><h1>${escapeHtml(prose.title(1, 3))}</h1><p class="muted">${escapeHtml(prose.sentence())}</p>${paragraph(context, footnotes)}<div class="toc card"><b>Contents</b><ul>${contents.join('')}</ul></div>${sections(context, footnotes, false, count)}<h2>References</h2>${footnoteList(footnotes)}</main>`;
  const css = `
body { display: flex; }
aside { flex: 0 0 ${rng.int(150, 220)}px; padding: 1em; background: ${theme.surface}; border-right: 1px solid ${theme.border}; font-size: 0.9em; }
aside ul { list-style: none; padding: 0; } aside li { color: ${theme.accent}; margin: 0.3em 0; }
main { flex: 1; padding: 0.5em 2em 3em; max-width: 900px; }
h1 { font-family: 'DejaVu Serif', serif; font-weight: normal; border-bottom: 1px solid ${theme.border}; }
h2 { font-family: 'DejaVu Serif', serif; font-weight: normal; border-bottom: 1px solid ${theme.border}; padding-bottom: 0.15em; }
.toc { display: inline-block; padding: 0.6em 1.2em; margin-bottom: 1em; font-size: 0.9em; }
.toc ul { list-style: none; padding: 0; margin: 0.4em 0 0; } .toc li { color: ${theme.accent}; }
blockquote { margin: 1em 2em; font-style: italic; }
.footnotes { font-size: 0.85em; }
hr { display: none; }`;
  return { css, body, subject: { key: 'wiki' } };
}

function notes(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const lines: string[] = [`# ${prose.title(2, 4)}`, ''];
  for (let block = rng.int(3, 7); block > 0; block--) {
    const kind = rng.int(0, 3);
    if (kind === 0) lines.push(`## ${prose.heading()}`, '');
    else if (kind === 1) {
      for (let i = rng.int(2, 5); i > 0; i--)
        lines.push(`${rng.pick(['-', '*', '- [ ]', '- [x]'])} ${prose.heading(2, 7)}`);
      lines.push('');
    } else lines.push(...wrapText(prose.paragraph(1, 4), rng.int(60, 90)), '');
  }
  const mono = rng.chance(0.7);
  const body = `<div class="bar">${escapeHtml(prose.identifier('kebab', 2))}.${rng.pick(['txt', 'md', 'text'])}</div><pre>${escapeHtml(lines.join('\n'))}</pre>`;
  const css = `
.bar { padding: 0.35em 1em; background: ${theme.surfaceAlt}; color: ${theme.muted}; font-size: 0.85em; border-bottom: 1px solid ${theme.border}; }
pre { margin: 0; padding: 1em 1.4em; white-space: pre-wrap; font-family: ${mono ? "'DejaVu Sans Mono', monospace" : 'inherit'}; font-size: ${mono ? '0.9em' : '1em'}; }`;
  return { css, body, subject: { key: 'notes' } };
}

/** Hard-wraps text at `width` characters, as a plain text file would be. */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function twoColumn(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const footnotes: string[] = [];
  const authors = Array.from({ length: rng.int(1, 4) }, () => prose.personName()).join(', ');
  const body = `<header><h1>${escapeHtml(prose.title(4, 8))}</h1><p>${escapeHtml(authors)}</p></header><div class="abstract"><b>Abstract.</b> ${escapeHtml(prose.paragraph(3, 5))}</div><div class="columns">${sections(context, footnotes, true, rng.int(3, 5))}${footnoteList(footnotes)}</div>`;
  const css = `
body { font-family: 'DejaVu Serif', serif; padding: 2em ${rng.int(24, 60)}px; }
header { text-align: center; } header h1 { font-size: 1.5em; } header p { color: ${theme.muted}; }
.abstract { margin: 0 8% 1.5em; font-size: 0.9em; text-align: justify; }
.columns { column-count: 2; column-gap: ${rng.int(20, 40)}px; text-align: justify; font-size: 0.9em; }
h2 { font-size: 1.05em; }
.footnotes { font-size: 0.8em; }
blockquote { margin: 0.5em 1em; }`;
  return { css, body, subject: { key: 'paper' } };
}

export const documentFamily: PageFamily = {
  kind: 'document',
  layouts: ['article', 'wiki', 'notes', 'two-column'],
  darkShare: 0.25,
  build(context, layout) {
    if (layout === 'wiki') return wiki(context);
    if (layout === 'notes') return notes(context);
    if (layout === 'two-column') return twoColumn(context);
    return article(context);
  },
};
