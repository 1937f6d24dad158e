/** Email clients: an inbox of messages beside a folder list, and one opened message. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import { escapeHtml } from './html.ts';

const FOLDERS = ['Inbox', 'Starred', 'Sent', 'Drafts', 'Archive', 'Spam', 'Trash'];

function folders(context: PageContext): string {
  const { rng } = context;
  const items = FOLDERS.map(
    (name, i) =>
      `<div class="${i === 0 ? 'on' : ''}">${name}${i === 0 ? `<b>${rng.int(1, 99)}</b>` : ''}</div>`,
  );
  return `<aside><span class="btn">Compose</span>${items.join('')}</aside>`;
}

function styles(context: PageContext): string {
  const { rng, theme } = context;
  return `
body { display: flex; min-height: 100vh; }
aside { flex: 0 0 ${rng.int(150, 210)}px; padding: 1em 0.6em; background: ${theme.surface}; border-right: 1px solid ${theme.border}; }
aside .btn { display: block; margin-bottom: 1em; } aside div { display: flex; justify-content: space-between; padding: 0.35em 0.7em; border-radius: ${theme.radius}px; }
aside .on { background: ${theme.surfaceAlt}; font-weight: 700; }
main { flex: 1; min-width: 0; }
.msg { display: flex; gap: 1em; padding: 0.55em 1em; border-bottom: 1px solid ${theme.border}; white-space: nowrap; overflow: hidden; }
.msg .from { flex: 0 0 11em; overflow: hidden; text-overflow: ellipsis; } .msg .subject { flex: 1; overflow: hidden; text-overflow: ellipsis; }
.msg .date { color: ${theme.muted}; font-size: 0.85em; } .unread { font-weight: 700; background: ${theme.surface}; }
.avatar { display: inline-block; width: 2.4em; height: 2.4em; border-radius: 50%; background: ${theme.accent}; color: ${theme.onAccent}; text-align: center; line-height: 2.4em; font-weight: 700; }
.toolbar { padding: 0.6em 1em; border-bottom: 1px solid ${theme.border}; color: ${theme.muted}; display: flex; gap: 1.5em; }`;
}

function inbox(context: PageContext): FamilyPage {
  const { rng, prose } = context;
  const rows = Array.from({ length: rng.int(8, 22) }, () => {
    const unread = rng.chance(0.3) ? ' unread' : '';
    return `<div class="msg${unread}"><span class="from">${escapeHtml(prose.personName())}</span><span class="subject">${escapeHtml(prose.heading(2, 6))} <span class="muted">— ${escapeHtml(prose.sentence())}</span></span><span class="date">${rng.chance(0.5) ? prose.time() : prose.date()}</span></div>`;
  });
  const body = `${folders(context)}<main><div class="toolbar"><span>Select</span><span>Archive</span><span>Mark as read</span><span>1–${rows.length} of ${rng.int(rows.length, 4000)}</span></div>${rows.join('')}</main>`;
  return { css: styles(context), body, subject: { key: 'inbox' } };
}

function message(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const from = prose.personName();
  const paragraphs = Array.from(
    { length: rng.int(2, 5) },
    () => `<p>${escapeHtml(prose.paragraph(1, 4))}</p>`,
  ).join('');
  const body = `${rng.chance(0.6) ? folders(context) : ''}<main><div class="toolbar"><span>Back</span><span>Archive</span><span>Delete</span></div><article><h2>${escapeHtml(prose.heading(3, 7))}</h2><div class="head"><span class="avatar">${prose.initials(from)}</span><div><b>${escapeHtml(from)}</b> <span class="muted">&lt;${escapeHtml(prose.emailAddress(from))}&gt;</span><div class="muted">to me · ${prose.date()} ${prose.time()}</div></div></div><p>${rng.pick(['Hi', 'Hello', 'Dear'])} ${escapeHtml(prose.nameWord())},</p>${paragraphs}<p>${rng.pick(['Thanks', 'Best', 'Regards', 'Cheers'])},<br>${escapeHtml(from.split(' ')[0] ?? from)}</p><div class="reply"><span class="btn secondary">Reply</span> <span class="btn secondary">Forward</span></div></article></main>`;
  const css = `${styles(context)}
article { padding: 0.5em 1.5em 2em; max-width: 820px; } .head { display: flex; gap: 0.8em; align-items: center; margin-bottom: 1.2em; }
.reply { margin-top: 1.5em; } .reply .btn { border-color: ${theme.border}; }`;
  return { css, body, subject: { key: 'email-message' } };
}

export const emailFamily: PageFamily = {
  kind: 'email',
  layouts: ['inbox', 'message'],
  darkShare: 0.25,
  build: (context, layout) => (layout === 'message' ? message(context) : inbox(context)),
};
