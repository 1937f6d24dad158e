/**
 * Building blocks of the PTBLexer grammar (character classes, abbreviation lists, word shapes) as regular
 * expression sources for ptb-rules.ts. Names follow the JFlex grammar's macros (WORD, REDAUX, THING, ...).
 */

/** Space-separated literals, so the lists stay as compact as in the grammar. */
function list(literals: string): string[] {
  return literals.split(' ');
}

/** JFlex %caseless makes literals caseless but not character classes, so only literals go through this. */
export function caseless(literal: string): string {
  return [...literal]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper) return `[${lower}${upper}]`;
      // Only syntax characters may be escaped in a /u regular expression ("\-" is an error there).
      return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
    })
    .join('');
}

/**
 * A caseless alternation of literals, longest first: a JavaScript alternation takes the first alternative
 * that lets the whole pattern match, JFlex the longest, and longest-first ordering makes the two agree.
 * A literal starting with "^" requires its next letter in upper case (the grammar's "[A]rk", "[M]iss").
 */
export function anyOf(literals: readonly string[]): string {
  const source = (literal: string): string =>
    literal.startsWith('^') ? `${literal.charAt(1)}${caseless(literal.slice(2))}` : caseless(literal);
  const length = (literal: string): number => literal.replace('^', '').length;
  return [...literals]
    .sort((a, b) => length(b) - length(a))
    .map(source)
    .join('|');
}

const LETTER = String.raw`[\p{L}\p{M}\u00AD]`;
export const WORD = `${LETTER}+`;
export const DIGIT = String.raw`\p{Nd}`;
const ALNUM = String.raw`[\p{L}\p{Nd}]`;
export const APOS = String.raw`['\u0092\u2019]`;
/** Apostrophe-like characters that may appear inside a word, rightly or wrongly. */
const APOS_ETC = String.raw`['\u0092\u2019\u0091\u2018\u201B]`;
export const REDAUX = `${APOS}(?:${anyOf(['re', 've', 'll'])}|[msdMSD])`;
/** A word that can take n't: it cannot itself end in n. */
export const SWORD = String.raw`[A-Za-z\u00AD]*[A-MO-Za-mo-z]\u00AD*`;
export const SREDAUX = `[nN]${APOS_ETC}[tT]`;
export const SPACE = String.raw`[ \t\u00A0\u2000-\u200A\u3000]`;
const HYPHEN = String.raw`[-_\u058A\u2010\u2011]`;
export const ACRO = String.raw`[A-Za-z](?:\.[A-Za-z])+`;

// Abbreviation lists of the grammar, "induced from 1987 WSJ by hand".
const MONTHS = list('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec');
const DAYS = list('Mon Tue Tues Wed Thu Thurs Fri');
const STATES = list(
  'Ala Ariz ^Ark Calif Colo Conn Dak Del Fla Ga ^Ill Ind Kan Kans Ky La ^Mass Md Mich Minn ^Miss Mo Mont Neb Nev Okla ^Ore Pa Penn Tenn Tex Va Vt ^Wash Wis Wisc Wyo',
);
const COMPANIES = list('Inc Co Cos Corp Pty Ptys Ppty Pptys Ltd Plc Bancorp Dept Bhd Assn Univ Intl Sys');
const NUMBER_WORDS = list('No Nos Prop Ph tel est ext sq ft');
const POST_TITLES = list('Jr Sr Bros Ed.D Ph.D Blvd Rd Esq');
const TITLES = list(
  'Mr Mrs Ms ^Miss Dr Drs Prof Profs Sen Sens Rep Reps Atty Attys Lt Col Gen Messrs Gov Govs Adm Rev Maj Sgt Cpl Pvt Mt Capt St Ste Ave Pres Lieut Hon Brig Cmdr Comdr Pfc Spc Supt Supts Det',
);
const OTHER_ABBREV4 = list('vs Alex Wm Jos Cie a.k.a cf TREAS Invt Elec Natl Mfg Mtg');
/** Abbreviations normally followed by a lower-case word; their period stays on the token. */
export const ABBREV1 = `(?:${anyOf([...MONTHS, ...DAYS, ...STATES, ...COMPANIES, ...NUMBER_WORDS, ...POST_TITLES, 'etc', 'al', 'seq'])})\\.`;
/** Abbreviations normally followed by a capitalised word: acronyms, titles, single letters (longest first). */
export const ABBREV4 = `(?:${ACRO}|${anyOf([...TITLES, ...OTHER_ABBREV4])}|[A-Za-z])`;

const THING_PART = `(?:[dDoOlL]${APOS_ETC}${ALNUM})?${ALNUM}+`;
/** Letters and digits joined by hyphens: "black-and-white", "o'clock", "2nd". */
export const THING = `${THING_PART}(?:${HYPHEN}${THING_PART})*`;
/** Hyphenated things that may contain periods or commas before the first hyphen: "3.5-inch". */
export const HTHING = String.raw`[A-Za-z0-9][A-Za-z0-9.,\u00AD]*(?:-(?:${ACRO}\.|[A-Za-z0-9\u00AD]+))+`;
/** Words around forward slashes: "and/or". */
export const THING3 = String.raw`[A-Za-z0-9]+(?:-[A-Za-z]+){0,2}(?:\\?\/[A-Za-z0-9]+(?:-[A-Za-z]+){0,2}){1,2}`;
/** Words with an apostrophe inside that stay whole; one rule each, so the longest wins as in JFlex. */
export const APOWORDS = [
  `${APOS}${caseless('n')}${APOS}?`,
  `[lLdDjJ]${APOS}`,
  `${caseless('Dunkin')}${APOS}`,
  `${caseless('somethin')}${APOS}`,
  `${caseless('ol')}${APOS}`,
  `${APOS}${caseless('em')}`,
  `[A-HJ-XZn]${APOS_ETC}\\p{L}{2}\\p{L}*`,
  `${APOS}[2-9]0${caseless('s')}`,
  `${APOS}${caseless('till')}?`,
  `\\p{L}\\p{L}*[aeiouyAEIOUY]${APOS_ETC}[aeiouA-Z]\\p{L}*`,
  `${APOS}${caseless('cause')}`,
  `${caseless('cont')}'${caseless('d')}\\.?`,
  ...["'twas", "nor'easter", "c'mon", "e'er", "s'mores", "ev'ry", "li'l", "nat'l"].map(caseless),
];
