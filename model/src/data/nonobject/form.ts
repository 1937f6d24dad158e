/** Forms: sign in, sign up, search with results, settings, and (test-only) checkout. */
import type { FamilyPage, PageContext, PageFamily } from './family.ts';
import {
  button,
  checkbox,
  formStyles,
  passwordField,
  selectField,
  textField,
  toggle,
} from './form-fields.ts';
import { escapeHtml } from './html.ts';
import { capitalise } from './prose.ts';

/** A centred card, a split screen beside a coloured brand panel, or a bare page. */
function frameForm(context: PageContext, inner: string): { body: string; css: string } {
  const { rng, prose, theme } = context;
  const brand = `<div class="brand">${escapeHtml(prose.nameWord())}</div>`;
  const style = rng.int(0, 2);
  const width = rng.int(300, 440);
  if (style === 1) {
    return {
      body: `<div class="split"><div class="panel">${brand}<p>${escapeHtml(prose.sentence())}</p></div><div class="side">${inner}</div></div>`,
      css: `.split { display: flex; min-height: 100vh; } .panel { flex: 1; background: ${theme.accent}; color: ${theme.onAccent}; padding: 3em; }
.panel .brand { font-size: 2em; } .side { flex: 0 0 ${width + 80}px; padding: 3em 40px; }`,
    };
  }
  const card = style === 0;
  return {
    body: `<main>${brand}<div class="${card ? 'card' : ''} form">${inner}</div></main>`,
    css: `main { max-width: ${width + 60}px; margin: ${rng.int(16, 80)}px auto; padding: 0 16px; } .brand { font-weight: 700; font-size: 1.3em; margin-bottom: 0.8em; text-align: ${rng.pick(['left', 'center'])}; }
.form { padding: ${card ? '1.6em' : '0'}; }`,
  };
}

function signIn(context: PageContext): FamilyPage {
  const { rng, prose } = context;
  const user = rng.chance(0.6)
    ? textField('Email', prose.emailAddress())
    : textField(rng.pick(['Username', 'Email address']), 'name@company.example', true);
  const inner = `<h2>${rng.pick(['Sign in', 'Log in', 'Welcome back', 'Sign in to your account'])}</h2>${user}${passwordField(context)}${checkbox('Remember me', rng.chance(0.5))}${button(rng.pick(['Sign in', 'Log in', 'Continue']))}<p class="muted"><a>Forgot password?</a> · <a>Create an account</a></p>`;
  const framed = frameForm(context, inner.replace('class="btn"', 'class="btn wide"'));
  return { css: `${formStyles(context)}${framed.css}`, body: framed.body, subject: { key: 'sign-in' } };
}

function signUp(context: PageContext): FamilyPage {
  const { rng, prose } = context;
  const name = prose.personName();
  const inner = `<h2>${rng.pick(['Create your account', 'Sign up', 'Register', 'Get started'])}</h2>${textField('Full name', name)}${textField('Email', prose.emailAddress(name))}${passwordField(context)}${rng.chance(0.6) ? passwordField(context, 'Confirm password') : ''}${rng.chance(0.4) ? selectField('Role', capitalise(prose.noun())) : ''}${checkbox('I agree to the terms of service', rng.chance(0.5))}${button(rng.pick(['Create account', 'Sign up', 'Register']))}<p class="muted">Already have an account? <a>Sign in</a></p>`;
  const framed = frameForm(context, inner.replace('class="btn"', 'class="btn wide"'));
  return { css: `${formStyles(context)}${framed.css}`, body: framed.body, subject: { key: 'sign-up' } };
}

function search(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const query = prose.heading(1, 4).toLowerCase();
  const results = Array.from(
    { length: rng.int(3, 8) },
    () =>
      `<div class="result"><div class="url muted">${prose.domain()} › ${prose.identifier('kebab', 2)}</div><a>${escapeHtml(prose.title(3, 7))}</a><p>${escapeHtml(prose.paragraph(1, 2))}</p></div>`,
  );
  const filters = Array.from(
    { length: rng.int(0, 3) },
    () => `<span class="chip">${escapeHtml(capitalise(prose.noun()))} ▾</span>`,
  ).join('');
  const body = `<header><b>${escapeHtml(prose.nameWord())}</b><span class="input q">${escapeHtml(query)}</span>${button('Search')}</header><main><div class="filters">${filters}<span class="muted">About ${rng.int(12, 90_000).toLocaleString('en-US')} results</span></div>${results.join('')}</main>`;
  const css = `${formStyles(context)}
header { display: flex; gap: 1em; align-items: center; padding: 1em 1.5em; border-bottom: 1px solid ${theme.border}; }
.q { flex: 0 1 32em; border-radius: ${rng.pick([theme.radius, 999])}px; }
main { padding: 0.5em 1.5em; max-width: 760px; } .filters { display: flex; gap: 0.8em; align-items: center; margin: 0.6em 0 1.2em; font-size: 0.9em; }
.chip { border: 1px solid ${theme.border}; border-radius: 999px; padding: 0.1em 0.8em; }
.result { margin-bottom: 1.3em; } .result a { font-size: 1.15em; } .url { font-size: 0.85em; } .result p { margin: 0.2em 0; }`;
  return { css, body, subject: { key: 'search' } };
}

function settings(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const nav = ['Profile', 'Account', 'Notifications', 'Privacy', 'Appearance', 'Billing', 'Security'];
  const active = rng.int(0, nav.length - 1);
  const rows = Array.from({ length: rng.int(4, 9) }, () => {
    const control = rng.pick([
      toggle(rng.chance(0.5)),
      toggle(rng.chance(0.5)),
      `<span class="input select small">${escapeHtml(capitalise(prose.noun()))}<i>▾</i></span>`,
    ]);
    return `<div class="row"><div><b>${escapeHtml(prose.heading(2, 4))}</b><div class="muted">${escapeHtml(prose.sentence())}</div></div>${control}</div>`;
  });
  const body = `<aside>${nav.map((item, i) => `<div class="${i === active ? 'on' : ''}">${item}</div>`).join('')}</aside><main><h2>${nav[active] ?? 'Settings'}</h2>${rng.chance(0.5) ? textField('Display name', prose.personName()) : ''}${rows.join('')}<div class="actions">${button('Save changes')} ${button('Cancel', true)}</div></main>`;
  const css = `${formStyles(context)}
body { display: flex; } aside { flex: 0 0 ${rng.int(150, 220)}px; padding: 1.5em 0.8em; background: ${theme.surface}; min-height: 100vh; }
aside div { padding: 0.45em 0.8em; border-radius: ${theme.radius}px; } aside .on { background: ${theme.surfaceAlt}; font-weight: 600; color: ${theme.accent}; }
main { flex: 1; padding: 1em 2em; max-width: 760px; }
.row { display: flex; justify-content: space-between; align-items: center; gap: 2em; padding: 0.9em 0; border-bottom: 1px solid ${theme.border}; }
.row .muted { font-size: 0.85em; } .small { min-width: 9em; gap: 1em; } .actions { margin-top: 1.4em; }`;
  return { css, body, subject: { key: 'settings' } };
}

/** Test-only: shipping and card details beside an order summary. */
function checkout(context: PageContext): FamilyPage {
  const { rng, prose, theme } = context;
  const items = Array.from(
    { length: rng.int(1, 4) },
    () => [capitalise(prose.heading(1, 3)), prose.amount(5, 300)] as const,
  );
  const summary = items
    .map(([name, price]) => `<div class="line"><span>${escapeHtml(name)}</span><span>$${price}</span></div>`)
    .join('');
  const name = prose.personName();
  const form = `<h2>Checkout</h2><h3>Shipping</h3>${textField('Full name', name)}${textField('Address', `${rng.int(1, 200)} ${prose.title(1, 2)} Road`)}<div class="two">${textField('City', prose.nameWord())}${textField('Postcode', String(rng.int(10000, 99999)))}</div>${selectField('Country', prose.nameWord())}<h3>Payment</h3>${textField('Card number', `4000 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`)}<div class="two">${textField('Expiry', `${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(26, 31)}`)}${textField('CVC', String(rng.int(100, 999)))}</div>`;
  const body = `<main><div class="form">${form}</div><div class="card order"><h3>Order summary</h3>${summary}<div class="line total"><span>Total</span><span>$${prose.amount(20, 900)}</span></div>${button(`Pay now`).replace('class="btn"', 'class="btn wide"')}</div></main>`;
  const css = `${formStyles(context)}
main { display: flex; flex-wrap: wrap; gap: 2em; padding: 1.5em; max-width: 1000px; margin: 0 auto; } .form { flex: 1 1 320px; } .order { flex: 0 1 300px; padding: 1.2em; align-self: flex-start; }
.two { display: flex; gap: 1em; } .two > * { flex: 1; } .line { display: flex; justify-content: space-between; padding: 0.4em 0; border-bottom: 1px solid ${theme.border}; } .total { font-weight: 700; }`;
  return { css, body, subject: { key: 'checkout' } };
}

export const formFamily: PageFamily = {
  kind: 'form',
  layouts: ['sign-in', 'sign-up', 'search', 'settings', 'checkout'],
  darkShare: 0.25,
  build(context, layout) {
    if (layout === 'sign-up') return signUp(context);
    if (layout === 'search') return search(context);
    if (layout === 'settings') return settings(context);
    if (layout === 'checkout') return checkout(context);
    return signIn(context);
  },
};
