/** Error pages of the project's own design: page not found, server error, connection failed. */
import type { CaptionKey } from './captions.ts';
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';

const MESSAGES: Record<string, { codes: readonly string[]; titles: readonly string[]; key: CaptionKey }> = {
  'not-found': {
    codes: ['404'],
    titles: ['Page not found', 'This page could not be found', 'Nothing here', 'We could not find that page'],
    key: 'not-found',
  },
  'server-error': {
    codes: ['500', '502', '503'],
    titles: ['Something went wrong', 'Internal server error', 'Service unavailable', 'Bad gateway'],
    key: 'server-error',
  },
  offline: {
    codes: ['', 'ERR_CONNECTION_REFUSED', 'ERR_NAME_NOT_RESOLVED', 'ERR_TIMED_OUT'],
    titles: [
      'This site cannot be reached',
      'No internet connection',
      'The connection was reset',
      'Unable to connect',
    ],
    key: 'offline',
  },
};

function build(context: PageContext, layout: string): FamilyPage {
  const { rng, prose, theme } = context;
  const message = MESSAGES[layout] ?? MESSAGES['not-found'];
  if (message === undefined) throw new Error(`no error page layout ${layout}`);
  const code = rng.pick(message.codes);
  const big = layout !== 'offline' && rng.chance(0.75);
  const detail =
    layout === 'offline'
      ? `${prose.domain()} ${rng.pick(['refused to connect', 'took too long to respond', 'could not be found'])}.`
      : prose.sentence();
  const tips =
    layout === 'offline'
      ? `<ul class="muted"><li>Check the connection</li><li>Check the proxy and the firewall</li></ul>`
      : '';
  const align = rng.pick(['center', 'left']);
  const body = `<main>${big ? `<div class="code">${code}</div>` : ''}<h1>${escapeHtml(rng.pick(message.titles))}</h1><p>${escapeHtml(detail)}</p>${tips}${!big && code !== '' ? `<p class="muted small">${code}</p>` : ''}<p><span class="btn">${rng.pick(['Go back', 'Try again', 'Reload', 'Return to the start page'])}</span></p></main>`;
  const css = `
body { min-height: 100vh; display: flex; align-items: ${rng.pick(['center', 'flex-start'])}; justify-content: center; }
main { max-width: ${rng.int(420, 640)}px; padding: 3em 1.5em; text-align: ${align}; }
.code { font-size: ${rng.int(64, 140)}px; font-weight: 700; color: ${rng.chance(0.5) ? theme.accent : theme.muted}; line-height: 1; }
.small { font-size: 0.8em; font-family: 'DejaVu Sans Mono', monospace; } ul { text-align: left; }`;
  return { css, body, subject: { key: message.key } };
}

export const errorPageFamily: PageFamily = {
  kind: 'error-page',
  layouts: ['not-found', 'server-error', 'offline'],
  darkShare: 0.3,
  frameHint: { noScroll: true },
  build,
};
