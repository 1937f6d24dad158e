/** Syntax colour schemes for code pages, chosen to match the page theme (dark pages get dark editors). */
import type { Rng } from '../rng.ts';
import type { TokenKind } from './code-tokens.ts';
import type { Theme } from './theme.ts';

export interface CodeScheme {
  bg: string;
  gutter: string;
  gutterText: string;
  tokens: Record<TokenKind, string>;
}

function scheme(bg: string, gutter: string, gutterText: string, colours: readonly string[]): CodeScheme {
  const [plain = '', kw = '', str = '', num = '', com = '', fn = '', type = '', punc = ''] = colours;
  return { bg, gutter, gutterText, tokens: { plain, kw, str, num, com, fn, type, punc } };
}

const DARK = [
  scheme('#1e1e1e', '#1e1e1e', '#858585', [
    '#d4d4d4',
    '#569cd6',
    '#ce9178',
    '#b5cea8',
    '#6a9955',
    '#dcdcaa',
    '#4ec9b0',
    '#d4d4d4',
  ]),
  scheme('#272822', '#2f302a', '#90908a', [
    '#f8f8f2',
    '#f92672',
    '#e6db74',
    '#ae81ff',
    '#75715e',
    '#a6e22e',
    '#66d9ef',
    '#f8f8f2',
  ]),
  scheme('#282c34', '#282c34', '#636d83', [
    '#abb2bf',
    '#c678dd',
    '#98c379',
    '#d19a66',
    '#5c6370',
    '#61afef',
    '#e5c07b',
    '#abb2bf',
  ]),
  scheme('#0d1117', '#0d1117', '#6e7681', [
    '#c9d1d9',
    '#ff7b72',
    '#a5d6ff',
    '#79c0ff',
    '#8b949e',
    '#d2a8ff',
    '#ffa657',
    '#c9d1d9',
  ]),
];

const LIGHT = [
  scheme('#ffffff', '#ffffff', '#237893', [
    '#000000',
    '#0000ff',
    '#a31515',
    '#098658',
    '#008000',
    '#795e26',
    '#267f99',
    '#000000',
  ]),
  scheme('#ffffff', '#f6f8fa', '#8c959f', [
    '#24292f',
    '#cf222e',
    '#0a3069',
    '#0550ae',
    '#6e7781',
    '#8250df',
    '#953800',
    '#24292f',
  ]),
  scheme('#fafafa', '#fafafa', '#9d9d9f', [
    '#383a42',
    '#a626a4',
    '#50a14f',
    '#986801',
    '#a0a1a7',
    '#4078f2',
    '#c18401',
    '#383a42',
  ]),
];

/** For the test-only themes: a solarized-light-like warm scheme and a high-contrast one. */
const SEPIA = scheme('#fdf6e3', '#eee8d5', '#93a1a1', [
  '#586e75',
  '#859900',
  '#2aa198',
  '#d33682',
  '#93a1a1',
  '#268bd2',
  '#b58900',
  '#586e75',
]);
const HIGH_CONTRAST = scheme('#000000', '#000000', '#ffff00', [
  '#ffffff',
  '#00ffff',
  '#00ff00',
  '#ff80ff',
  '#ffff00',
  '#ffffff',
  '#80c0ff',
  '#ffffff',
]);

export function pickCodeScheme(rng: Rng, theme: Theme): CodeScheme {
  if (theme.name === 'sepia') return SEPIA;
  if (theme.name === 'high-contrast') return HIGH_CONTRAST;
  return rng.pick(theme.dark ? DARK : LIGHT);
}

export function tokenStyles(code: CodeScheme): string {
  return Object.entries(code.tokens)
    .map(
      ([kind, colour]) =>
        `.t-${kind} { color: ${colour}; }${kind === 'com' ? ' .t-com { font-style: italic; }' : ''}`,
    )
    .join('\n');
}
