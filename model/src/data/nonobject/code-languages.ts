/**
 * The programming languages code pages show. Close enough to each language to look like it at a glance; no
 * program here is meant to compile.
 */
import { BRACE_LANGUAGES } from './code-languages-braces.ts';
import { type Language, snake, untypedParams } from './code-grammar.ts';
import { kw, plain, punc, sp, tok } from './code-tokens.ts';

const python: Language = {
  name: 'python',
  extension: 'py',
  style: { ...snake, quote: "'", trueWord: 'True', nullWord: 'None' },
  commentPrefix: '#',
  closer: null,
  end: '',
  imports: (ex, rng) =>
    rng.chance(0.5)
      ? [kw('import'), sp, plain(ex.name(1))]
      : [kw('from'), sp, plain(ex.name(1)), sp, kw('import'), sp, plain(ex.name())],
  functionHead: (ex, rng) => [
    kw('def'),
    sp,
    tok('fn', ex.name()),
    punc('('),
    ...untypedParams(ex, rng),
    punc('):'),
  ],
  declaration: (ex) => [plain(ex.name()), sp, punc('='), sp, ...ex.value()],
  ifHead: (ex) => [kw('if'), sp, ...ex.condition(), punc(':')],
  loopHead: (ex) => [kw('for'), sp, plain(ex.name(1)), sp, kw('in'), sp, plain(ex.name()), punc(':')],
  returnLine: (ex) => [kw('return'), sp, ...ex.value()],
};

const ruby: Language = {
  name: 'ruby',
  extension: 'rb',
  style: { ...snake, quote: "'", nullWord: 'nil' },
  commentPrefix: '#',
  closer: 'end',
  end: '',
  imports: (ex) => [kw('require'), sp, tok('str', `'${ex.name(1)}'`)],
  functionHead: (ex, rng) => [
    kw('def'),
    sp,
    tok('fn', ex.name()),
    punc('('),
    ...untypedParams(ex, rng),
    punc(')'),
  ],
  declaration: (ex) => [plain(ex.name()), sp, punc('='), sp, ...ex.value()],
  ifHead: (ex) => [kw('if'), sp, ...ex.condition()],
  loopHead: (ex) => [
    plain(ex.name()),
    punc('.'),
    tok('fn', 'each'),
    sp,
    kw('do'),
    sp,
    punc('|'),
    plain(ex.name(1)),
    punc('|'),
  ],
  returnLine: (ex) => ex.value(),
};

export const LANGUAGES: readonly Language[] = [python, ...BRACE_LANGUAGES, ruby];
