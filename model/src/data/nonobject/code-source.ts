/** Generates a source file as coloured lines: a language from LANGUAGES, or a SQL query or a style sheet. */
import type { Rng } from '../rng.ts';
import type { Language } from './code-grammar.ts';
import { LANGUAGES } from './code-languages.ts';
import { Expressions, joined, kw, plain, punc, type SourceLine, sp, type Token, tok } from './code-tokens.ts';
import type { Prose } from './prose.ts';

export interface SourceFile {
  language: string;
  extension: string;
  lines: SourceLine[];
}

const line = (indent: number, tokens: Token[]): SourceLine => ({ indent, tokens });

function block(
  language: Language,
  ex: Expressions,
  rng: Rng,
  indent: number,
  depth: number,
  out: SourceLine[],
): void {
  const end = language.end === '' ? [] : [punc(language.end)];
  for (let n = rng.int(2, 5); n > 0; n--) {
    const choice = depth > 1 ? rng.int(0, 1) : rng.int(0, 4);
    if (choice === 0) out.push(line(indent, [...language.declaration(ex, rng), ...end]));
    else if (choice === 1) out.push(line(indent, [...ex.call(), ...end]));
    else if (choice === 2) out.push(line(indent, [ex.comment(language.commentPrefix)]));
    else {
      out.push(line(indent, choice === 3 ? language.ifHead(ex) : language.loopHead(ex)));
      block(language, ex, rng, indent + 1, depth + 1, out);
      if (language.closer !== null) out.push(line(indent, [language.closer === '}' ? punc('}') : kw('end')]));
    }
  }
}

function programSource(language: Language, rng: Rng, prose: Prose, minLines: number): SourceFile {
  const ex = new Expressions(rng, prose, language.style);
  const lines: SourceLine[] = [];
  if (rng.chance(0.4)) lines.push(line(0, [ex.comment(language.commentPrefix)]));
  for (let n = rng.int(1, 4); n > 0; n--) lines.push(line(0, language.imports(ex, rng)));
  const end = language.end === '' ? [] : [punc(language.end)];
  const functions = rng.int(1, 3);
  for (let f = 0; f < functions || (lines.length < minLines && f < 10); f++) {
    lines.push(line(0, []));
    if (rng.chance(0.5)) lines.push(line(0, [ex.comment(language.commentPrefix)]));
    lines.push(line(0, language.functionHead(ex, rng)));
    block(language, ex, rng, 1, 0, lines);
    lines.push(line(1, [...language.returnLine(ex), ...end]));
    if (language.closer !== null) lines.push(line(0, [language.closer === '}' ? punc('}') : kw('end')]));
  }
  return { language: language.name, extension: language.extension, lines };
}

function sqlSource(rng: Rng, prose: Prose, minLines: number): SourceFile {
  const name = () => prose.identifier('snake', rng.int(1, 2));
  const lines: SourceLine[] = [line(0, [tok('com', `-- ${prose.sentence()}`)])];
  const queries = rng.int(1, 3);
  for (let q = 0; q < queries || (lines.length < minLines && q < 10); q++) {
    const columns = Array.from({ length: rng.int(2, 5) }, () => [plain(name())]);
    lines.push(line(0, [kw('SELECT'), sp, ...joined(columns, ',')]));
    lines.push(line(0, [kw('FROM'), sp, plain(name())]));
    if (rng.chance(0.5))
      lines.push(
        line(0, [kw('JOIN'), sp, plain(name()), sp, kw('ON'), sp, plain(`${name()}.id = ${name()}_id`)]),
      );
    lines.push(
      line(0, [
        kw('WHERE'),
        sp,
        plain(name()),
        plain(' > '),
        tok('num', String(rng.int(0, 500))),
        sp,
        kw('AND'),
        sp,
        plain(name()),
        plain(' = '),
        tok('str', `'${prose.noun()}'`),
      ]),
    );
    if (rng.chance(0.5)) lines.push(line(0, [kw('GROUP BY'), sp, plain(name())]));
    lines.push(
      line(0, [kw('ORDER BY'), sp, plain(name()), sp, kw(rng.pick(['ASC', 'DESC'])), punc(';')]),
      line(0, []),
    );
  }
  return { language: 'sql', extension: 'sql', lines };
}

function cssSource(rng: Rng, prose: Prose, minLines: number): SourceFile {
  const lines: SourceLine[] = [line(0, [tok('com', `/* ${prose.sentence()} */`)])];
  const properties = ['margin', 'padding', 'display', 'color', 'font-size', 'border-radius', 'gap', 'width'];
  const values = () =>
    rng.pick([
      `${rng.int(0, 48)}px`,
      'flex',
      'grid',
      `#${rng.int(0, 0xffffff).toString(16).padStart(6, '0')}`,
      `${rng.range(0.5, 3).toFixed(1)}rem`,
      'auto',
      'none',
    ]);
  const rules = rng.int(2, 5);
  for (let r = 0; r < rules || (lines.length < minLines && r < 16); r++) {
    lines.push(line(0, [tok('fn', `.${prose.identifier('kebab', rng.int(1, 2))}`), sp, punc('{')]));
    for (let d = rng.int(2, 5); d > 0; d--)
      lines.push(
        line(1, [tok('type', rng.pick(properties)), punc(':'), sp, tok('num', values()), punc(';')]),
      );
    lines.push(line(0, [punc('}')]), line(0, []));
  }
  return { language: 'css', extension: 'css', lines };
}

/** A file in a random language, grown to about `minLines` where it is shorter (an editor filling its window). */
export function generateSource(rng: Rng, prose: Prose, minLines = 0): SourceFile {
  const choice = rng.int(0, LANGUAGES.length + 1);
  const language = LANGUAGES[choice];
  if (language !== undefined) return programSource(language, rng, prose, minLines);
  return choice === LANGUAGES.length ? sqlSource(rng, prose, minLines) : cssSource(rng, prose, minLines);
}
