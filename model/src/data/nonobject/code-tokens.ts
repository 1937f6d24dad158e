/** Source code as coloured tokens, and the expressions every language's statements are built from. */
import type { Rng } from '../rng.ts';
import type { Prose } from './prose.ts';

export type TokenKind = 'kw' | 'str' | 'num' | 'com' | 'fn' | 'type' | 'punc' | 'plain';

export interface Token {
  kind: TokenKind;
  text: string;
}

export interface SourceLine {
  indent: number;
  tokens: Token[];
}

export function tok(kind: TokenKind, text: string): Token {
  return { kind, text };
}

export const kw = (text: string) => tok('kw', text);
export const punc = (text: string) => tok('punc', text);
export const plain = (text: string) => tok('plain', text);
export const sp = tok('plain', ' ');

/** Joins token groups with `separator` between them: `a, b, c`. */
export function joined(groups: readonly Token[][], separator: string): Token[] {
  return groups.flatMap((group, i) => (i === 0 ? group : [punc(separator), sp, ...group]));
}

/** What a language's expressions differ in: naming, quotes, literals, how members and calls read. */
export interface ExpressionStyle {
  naming: 'camel' | 'snake';
  quote: string;
  trueWord: string;
  nullWord: string;
  member: string;
}

export class Expressions {
  constructor(
    private readonly rng: Rng,
    private readonly prose: Prose,
    private readonly style: ExpressionStyle,
  ) {}

  name(words?: number): string {
    return this.prose.identifier(this.style.naming, words ?? this.rng.int(1, 2));
  }

  string(): Token {
    const q = this.style.quote;
    const text = this.rng.chance(0.5)
      ? this.prose.heading(1, 4)
      : this.prose.identifier('kebab', this.rng.int(1, 3));
    return tok('str', `${q}${text}${q}`);
  }

  number(): Token {
    return tok(
      'num',
      this.rng.chance(0.7) ? String(this.rng.int(0, 1000)) : this.rng.range(0, 10).toFixed(2),
    );
  }

  call(depth = 0): Token[] {
    const target = this.rng.chance(0.4) ? [plain(this.name(1)), punc(this.style.member)] : [];
    const args = Array.from({ length: this.rng.int(0, 3) }, () => this.value(depth + 1));
    return [...target, tok('fn', this.name()), punc('('), ...joined(args, ','), punc(')')];
  }

  value(depth = 0): Token[] {
    const choice = depth > 1 ? this.rng.int(0, 2) : this.rng.int(0, 5);
    if (choice === 0) return [plain(this.name())];
    if (choice === 1) return [this.number()];
    if (choice === 2) return [this.string()];
    if (choice === 3) return this.call(depth);
    if (choice === 4)
      return [
        ...this.value(depth + 1),
        sp,
        punc(this.rng.pick(['+', '-', '*', '/'])),
        sp,
        ...this.value(depth + 1),
      ];
    return [plain(this.name(1)), punc(this.style.member), plain(this.name(1))];
  }

  condition(): Token[] {
    const left = [plain(this.name())];
    const op = this.rng.pick(['<', '>', '==', '!=', '>=']);
    const right = this.rng.chance(0.3) ? [kw(this.style.nullWord)] : [this.number()];
    return [...left, sp, punc(op), sp, ...right];
  }

  comment(prefix: string, suffix = ''): Token {
    return tok('com', `${prefix} ${this.prose.sentence()}${suffix}`);
  }
}
