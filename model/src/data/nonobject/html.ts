/** Assembles a generated page: the theme's base styles, the family's styles and body, and the zoom. */
import type { Theme } from './theme.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Tag helper for short markup: `el('td', 'num', '42')` -> `<td class="num">42</td>`. */
export function el(tag: string, className: string, content: string): string {
  return className === ''
    ? `<${tag}>${content}</${tag}>`
    : `<${tag} class="${className}">${content}</${tag}>`;
}

export function baseStyles(theme: Theme, zoom: number): string {
  return `
*, *::before, *::after { box-sizing: border-box; }
html { zoom: ${zoom.toFixed(3)}; }
body { margin: 0; background: ${theme.bg}; color: ${theme.text}; font-family: ${theme.font};
  font-size: ${theme.fontSize}px; line-height: ${theme.lineHeight.toFixed(2)}; }
h1, h2, h3, h4 { font-family: ${theme.headingFont}; line-height: 1.2; margin: 0.6em 0 0.35em; }
p { margin: 0 0 0.8em; }
a { color: ${theme.accent}; }
.muted { color: ${theme.muted}; }
.card { background: ${theme.surface}; border: 1px solid ${theme.border}; border-radius: ${theme.radius}px; }
.btn { display: inline-block; padding: 0.45em 1.1em; border-radius: ${theme.radius}px; background: ${theme.accent};
  color: ${theme.onAccent}; font-weight: 600; border: 1px solid ${theme.accent}; }
.btn.secondary { background: transparent; color: ${theme.text}; border-color: ${theme.border}; }
table { border-collapse: collapse; }
`;
}

/** A whole document; pages carry no scripts, so a screenshot is taken of a page that has stopped changing. */
export function pageDocument(theme: Theme, zoom: number, css: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${baseStyles(theme, zoom)}${css}</style></head><body>${body}</body></html>`;
}
