/** Form controls drawn with plain HTML and CSS: text fields, passwords, selects, checkboxes, switches, buttons. */
import type { PageContext } from './family.ts';
import { escapeHtml } from './html.ts';

export function textField(label: string, value: string, placeholder = false): string {
  return `<label class="field"><span>${escapeHtml(label)}</span><span class="input${placeholder ? ' placeholder' : ''}">${escapeHtml(value)}</span></label>`;
}

export function passwordField(context: PageContext, label = 'Password'): string {
  return textField(label, '•'.repeat(context.rng.int(6, 14)));
}

export function selectField(label: string, value: string): string {
  return `<label class="field"><span>${escapeHtml(label)}</span><span class="input select">${escapeHtml(value)}<i>▾</i></span></label>`;
}

export function checkbox(label: string, checked: boolean): string {
  return `<label class="check"><span class="box${checked ? ' on' : ''}">${checked ? '✓' : ''}</span>${escapeHtml(label)}</label>`;
}

export function toggle(on: boolean): string {
  return `<span class="switch${on ? ' on' : ''}"><span></span></span>`;
}

export function button(label: string, secondary = false): string {
  return `<span class="btn${secondary ? ' secondary' : ''}">${escapeHtml(label)}</span>`;
}

export function formStyles(context: PageContext): string {
  const { theme, rng } = context;
  const filled = rng.chance(0.4);
  return `
.field { display: block; margin: 0 0 0.9em; }
.field > span:first-child { display: block; font-size: 0.85em; font-weight: 600; margin-bottom: 0.3em; }
.input { display: block; padding: 0.55em 0.75em; min-height: 2.4em; border: 1px solid ${theme.border}; border-radius: ${theme.radius}px;
  background: ${filled ? theme.surfaceAlt : theme.bg}; ${filled ? 'border-color: transparent;' : ''} }
.input.placeholder { color: ${theme.muted}; }
.select { display: flex; justify-content: space-between; } .select i { font-style: normal; color: ${theme.muted}; }
.check { display: flex; align-items: center; gap: 0.5em; margin: 0.5em 0; font-size: 0.9em; }
.box { width: 1.1em; height: 1.1em; border: 1px solid ${theme.border}; border-radius: 3px; font-size: 0.8em; text-align: center; line-height: 1.1em; }
.box.on { background: ${theme.accent}; border-color: ${theme.accent}; color: ${theme.onAccent}; }
.switch { display: inline-block; width: 2.4em; height: 1.3em; border-radius: 1em; background: ${theme.surfaceAlt}; position: relative; border: 1px solid ${theme.border}; }
.switch span { position: absolute; top: 0.12em; left: 0.15em; width: 1em; height: 1em; border-radius: 50%; background: ${theme.muted}; }
.switch.on { background: ${theme.accent}; } .switch.on span { left: 1.2em; background: ${theme.onAccent}; }
.btn { text-align: center; }
.wide { display: block; width: 100%; margin-top: 0.6em; }`;
}
