/**
 * The token rules of Stanford's PTBLexer (CoreNLP's JFlex grammar, in the 3.x form the COCO evaluation runs
 * with default options plus -preserveLines), as regular expressions. Each rule is `body` (the token) with
 * optional `context`: JFlex's trailing context `body/context`, which counts toward the longest match but is
 * left in the input. `emit` gives the tokens in the lexer's normalised form, before -lowerCase.
 * Rules the COCO pipeline cannot reach (SGML tags, URLs, e-mail, phone numbers) are left out; see tokenize.ts.
 */
import { americanize } from './americanize.ts';
import {
  ABBREV1,
  ABBREV4,
  ACRO,
  APOS,
  APOWORDS,
  anyOf,
  caseless,
  DIGIT,
  HTHING,
  REDAUX,
  SPACE,
  SREDAUX,
  SWORD,
  THING,
  THING3,
  WORD,
} from './ptb-patterns.ts';

export interface PtbRule {
  readonly body: string;
  readonly context?: string;
  readonly emit: (token: string) => readonly string[];
}

const keep = (token: string): readonly string[] => [token];
const drop = (): readonly string[] => [];
const as = (replacement: string) => (): readonly string[] => [replacement];
const withoutSoftHyphens = (token: string): readonly string[] => [token.replaceAll('\u00AD', '')];
const americanized = (token: string): readonly string[] => [americanize(token.replaceAll('\u00AD', ''))];

/** The old PTB escaping of / and * (escapeForwardSlashAsterisk, on by default in 3.x): "and/or" -> "and\/or". */
function escapeSlashes(token: string): string {
  return token.replace(/(?<!\\)([/*])/g, '\\$1');
}

/** latexQuotes: quote characters become ` `` ' '' as in the Penn Treebank. */
function latexQuotes(token: string, probablyLeft: boolean): string {
  return token
    .replace(/'/g, probablyLeft ? '`' : "'")
    .replace(/"/g, probablyLeft ? '``' : "''")
    .replace(/[\u0091\u2018\u201B\u2039]/g, '`')
    .replace(/[\u0092\u2019\u203A]/g, "'")
    .replace(/[\u0093\u201C\u00AB]/g, '``')
    .replace(/[\u0094\u201D\u00BB]/g, "''");
}

const FRACTIONS: Readonly<Record<string, string>> = {
  '¼': '1\\/4',
  '½': '1\\/2',
  '¾': '3\\/4',
  '⅓': '1\\/3',
};
const CURRENCY: Readonly<Record<string, string>> = {
  '¢': 'cents',
  '£': '#',
  '\u0080': '$',
  '¤': '$',
  '₠': '$',
  '€': '$',
};

/** In grammar order: on equal match length the earlier rule wins, as in JFlex. */
export const PTB_RULES: readonly PtbRule[] = [
  // "cannot" is two tokens: the rule keeps "can" and leaves "not" in the input.
  { body: caseless('can'), context: caseless('not'), emit: keep },
  { body: String.raw`[\u0096\u0097\u2013\u2014\u2015]`, emit: as('--') },
  { body: '&amp;', emit: as('&') },
  { body: WORD, context: REDAUX, emit: americanized },
  { body: SWORD, context: SREDAUX, emit: withoutSoftHyphens },
  { body: WORD, emit: americanized },
  ...APOWORDS.map((body) => ({ body, emit: keep })),
  { body: `[yY]${APOS}`, context: String.raw`\p{L}`, emit: keep },
  { body: REDAUX, context: '[^A-Za-z]', emit: (t) => [latexQuotes(t, false)] },
  { body: SREDAUX, emit: (t) => [latexQuotes(t, false)] },
  { body: `${DIGIT}{1,2}[-/]${DIGIT}{1,2}[-/]${DIGIT}{2,4}`, emit: (t) => [escapeSlashes(t)] },
  {
    body: String.raw`[-+]?(?:${DIGIT}*(?:[.:,\u00AD\u066B\u066C]${DIGIT}+)+|${DIGIT}+)`,
    emit: withoutSoftHyphens,
  },
  {
    body: String.raw`(?:${DIGIT}{1,4}[- \u00A0])?${DIGIT}{1,4}(?:\\?\/|\u2044)${DIGIT}{1,4}`,
    emit: (t) => [escapeSlashes(t).replaceAll(' ', '\u00A0')],
  },
  { body: String.raw`[\u00BC\u00BD\u00BE\u2153-\u215E]`, emit: (t) => [FRACTIONS[t] ?? t] },
  {
    body: `${anyOf(['-RRB-', '-LRB-', '-RCB-', '-LCB-', '-RSB-', '-LSB-', 'C.D.s', 'pro-', 'anti-', 'S&amp;P-500', 'S&P-500', 'S&amp;Ls', 'S&Ls'])}|${caseless('Cap')}${APOS}${caseless('n')}|${caseless('c')}${APOS}${caseless('est')}`,
    emit: (t) => [t.replaceAll('&amp;', '&')],
  },
  { body: THING3, emit: (t) => [escapeSlashes(t)] },
  { body: String.raw`[A-Z]*\$|#`, emit: keep },
  {
    body: String.raw`[\u00A2\u00A3\u00A4\u00A5\u0080\u20A0\u20AC\u060B\u0E3F\u20A4\uFFE0\uFFE1\uFFE5\uFFE6]`,
    emit: (t) => [CURRENCY[t] ?? t],
  },
  { body: ABBREV1, emit: keep },
  { body: `${ABBREV4}\\.`, emit: keep },
  { body: ABBREV4, context: SPACE, emit: keep },
  { body: ACRO, context: String.raw`${SPACE}|\n`, emit: keep },
  { body: `${APOS}[0-9][0-9]`, context: String.raw`${SPACE}|\n`, emit: keep },
  { body: `${WORD}\\.`, context: '[,;:]', emit: withoutSoftHyphens },
  { body: '"', context: '[A-Za-z0-9$]', emit: as('``') },
  { body: '"', emit: as("''") },
  { body: String.raw`[+%&\u2030\u2031~^]`, emit: keep },
  { body: String.raw`[|\\\u007F]`, emit: drop },
  // Brackets become -LRB- / -RRB- / -LCB- / -RCB-; -lowerCase later makes them "-lrb-" etc., which the COCO
  // wrapper's punctuation list (upper case) then fails to drop.
  { body: '[<[(]', emit: as('-LRB-') },
  { body: String.raw`[>\])]`, emit: as('-RRB-') },
  { body: '\\{', emit: as('-LCB-') },
  { body: '\\}', emit: as('-RCB-') },
  { body: '-+', emit: (t) => [t.length >= 3 && t.length <= 4 ? '--' : t] },
  { body: String.raw`\.{3,5}|(?:\.[ \u00A0]){2,4}\.|[\u0085\u2026]`, emit: as('...') },
  { body: '@+|#+|_+', emit: keep },
  { body: String.raw`\*+|(?:\\\*){1,3}`, emit: (t) => [escapeSlashes(t)] },
  { body: '[,;:]', emit: keep },
  { body: '[?!]+', emit: keep },
  { body: String.raw`[.¡¿\u037E\u0589\u061F\u06D4\u0700-\u0702\u07FA]`, emit: keep },
  { body: '=', emit: keep },
  { body: '/', emit: as('\\/') },
  { body: `${HTHING}\\.`, context: '[,;:]', emit: withoutSoftHyphens },
  { body: HTHING, emit: withoutSoftHyphens },
  { body: `${THING}\\.`, context: '[,;:]', emit: keep },
  { body: THING, emit: keep },
  { body: '[A-Z]+(?:(?:[+&]|&amp;)[A-Z]+)+', emit: (t) => [t.replaceAll('&amp;', '&')] },
  { body: "'", context: String.raw`[A-Za-z][^ \t\n\r\u00A0]`, emit: as('`') },
  { body: REDAUX, emit: (t) => [latexQuotes(t, false)] },
  {
    body: String.raw`''|[\u0060\u2018\u2019\u201A\u201B\u201C\u201D\u0091\u0092\u0093\u0094\u201E\u201F\u2039\u203A\u00AB\u00BB]{1,2}|${APOS}`,
    emit: (t) => [latexQuotes(t, false)],
  },
  {
    body: String.raw`[\u00A6\u00A7\u00A8\u00A9\u00AC\u00AE\u00AF\u00B0-\u00BA\u00D7\u00F7\u2020-\u2023\u2032-\u2038\u2190-\u23FF\u2600-\u26FF]`,
    emit: keep,
  },
  // Whitespace, and anything the lexer cannot tokenise, is deleted.
  { body: String.raw`[\s\u200B\u200E\u200F\uFEFF\0]+`, emit: drop },
  { body: '[^]', emit: drop },
];
