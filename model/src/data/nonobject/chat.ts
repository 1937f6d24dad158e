/** Chat apps: a one-to-one conversation in bubbles, and a team channel with a channel list. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';

function line(context: PageContext): string {
  const { rng, prose } = context;
  return rng.chance(0.5) ? prose.sentence() : prose.heading(1, 5).toLowerCase();
}

function messenger(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const other = prose.personName();
  let minutes = rng.int(0, 1300);
  const bubbles = Array.from({ length: rng.int(5, 16) }, () => {
    const mine = rng.chance(0.5);
    minutes += rng.int(0, 9);
    const time = `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return `<div class="b ${mine ? 'me' : 'them'}">${escapeHtml(line(context))}<span>${time}</span></div>`;
  });
  const body = `<header><span class="avatar">${prose.initials(other)}</span><div><b>${escapeHtml(other)}</b><div class="muted">${rng.pick(['online', 'last seen recently', 'typing…'])}</div></div></header><main>${bubbles.join('')}</main><footer><span class="input">${rng.chance(0.5) ? 'Message' : escapeHtml(line(context))}</span><span class="btn">Send</span></footer>`;
  const css = `
body { display: flex; flex-direction: column; height: 100vh; max-width: ${rng.int(420, 900)}px; margin: 0 auto; }
header { display: flex; gap: 0.8em; align-items: center; padding: 0.6em 1em; border-bottom: 1px solid ${theme.border}; background: ${theme.surface}; }
.avatar { width: 2.4em; height: 2.4em; border-radius: 50%; background: ${theme.series[2]}; color: #fff; text-align: center; line-height: 2.4em; font-weight: 700; }
main { flex: 1; overflow: hidden; padding: 1em; display: flex; flex-direction: column; justify-content: flex-end; gap: 0.45em; }
.b { max-width: 72%; padding: 0.45em 0.8em; border-radius: ${Math.max(8, theme.radius * 2)}px; }
.b span { font-size: 0.7em; opacity: 0.7; margin-left: 0.8em; }
.them { align-self: flex-start; background: ${theme.surfaceAlt}; } .me { align-self: flex-end; background: ${theme.accent}; color: ${theme.onAccent}; }
footer { display: flex; gap: 0.6em; padding: 0.6em; border-top: 1px solid ${theme.border}; }
.input { flex: 1; padding: 0.45em 0.9em; border-radius: 999px; border: 1px solid ${theme.border}; color: ${theme.muted}; }`;
  return { css, body, subject: { key: 'chat' } };
}

function channel(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const channels = Array.from({ length: rng.int(5, 12) }, () => prose.identifier('kebab', rng.int(1, 2)));
  const people = Array.from({ length: rng.int(2, 5) }, () => prose.personName());
  const posts = Array.from({ length: rng.int(4, 12) }, () => {
    const who = rng.pick(people);
    const text = Array.from({ length: rng.int(1, 2) }, () => escapeHtml(line(context))).join('<br>');
    return `<div class="post"><span class="avatar" style="background:${rng.pick(theme.series)}">${prose.initials(who)}</span><div><b>${escapeHtml(who)}</b> <span class="muted">${prose.time()}</span><div>${text}</div></div></div>`;
  });
  const body = `<aside><b>${escapeHtml(prose.title(1, 2))}</b>${channels.map((c, i) => `<div class="${i === 0 ? 'on' : ''}"># ${escapeHtml(c)}</div>`).join('')}</aside><main><header># ${escapeHtml(channels[0] ?? 'general')}</header><div class="posts">${posts.join('')}</div><div class="composer">Message #${escapeHtml(channels[0] ?? 'general')}</div></main>`;
  const css = `
body { display: flex; height: 100vh; }
aside { flex: 0 0 ${rng.int(160, 240)}px; padding: 1em 0.7em; background: ${theme.dark ? theme.surface : theme.accent}; color: ${theme.dark ? theme.text : theme.onAccent}; }
aside b { display: block; margin-bottom: 0.8em; font-size: 1.1em; } aside div { padding: 0.2em 0.5em; opacity: 0.85; } aside .on { background: rgba(255,255,255,0.2); border-radius: 4px; opacity: 1; }
main { flex: 1; display: flex; flex-direction: column; min-width: 0; } header { padding: 0.7em 1em; font-weight: 700; border-bottom: 1px solid ${theme.border}; }
.posts { flex: 1; overflow: hidden; padding: 0.5em 1em; } .post { display: flex; gap: 0.7em; margin: 0.7em 0; }
.avatar { flex: 0 0 2.2em; height: 2.2em; border-radius: ${theme.radius}px; color: #fff; text-align: center; line-height: 2.2em; font-weight: 700; font-size: 0.9em; }
.composer { margin: 0.8em; padding: 0.6em 0.9em; border: 1px solid ${theme.border}; border-radius: ${theme.radius}px; color: ${theme.muted}; }`;
  return { css, body, subject: { key: 'chat' } };
}

export const chatFamily: PageFamily = {
  kind: 'chat',
  layouts: ['messenger', 'channel'],
  darkShare: 0.3,
  build: (context, layout) => (layout === 'channel' ? channel(context) : messenger(context)),
};
