/**
 * What a programming language's page grammar provides (imports, function heads, declarations, conditions,
 * loops and returns, as tokens for syntax colouring), and the pieces several languages share.
 */
import type { Rng } from '../rng.ts';
import {
  type Expressions,
  type ExpressionStyle,
  joined,
  plain,
  punc,
  sp,
  type Token,
  tok,
} from './code-tokens.ts';

export interface Language {
  /** As captions say it: "a screenshot of python code". */
  name: string;
  extension: string;
  style: ExpressionStyle;
  commentPrefix: string;
  /** Closes a block: "}" or "end"; null when indentation does. */
  closer: string | null;
  /** Ends a simple statement. */
  end: string;
  imports(ex: Expressions, rng: Rng): Token[];
  functionHead(ex: Expressions, rng: Rng): Token[];
  declaration(ex: Expressions, rng: Rng): Token[];
  ifHead(ex: Expressions): Token[];
  loopHead(ex: Expressions): Token[];
  returnLine(ex: Expressions): Token[];
}

export const snake: ExpressionStyle = {
  naming: 'snake',
  quote: '"',
  trueWord: 'true',
  nullWord: 'null',
  member: '.',
};
export const camel: ExpressionStyle = { ...snake, naming: 'camel' };

/** Parameters with types: `name: type` (TypeScript, Rust, Go) or `type name` (Java, C). */
export function typedParams(
  ex: Expressions,
  rng: Rng,
  types: readonly string[],
  order: 'name-type' | 'type-name',
  colon: string,
): Token[] {
  const params = Array.from({ length: rng.int(0, 3) }, () => {
    const name = plain(ex.name());
    const type = tok('type', rng.pick(types));
    return order === 'name-type' ? [name, punc(colon), sp, type] : [type, sp, name];
  });
  return joined(params, ',');
}

export function untypedParams(ex: Expressions, rng: Rng): Token[] {
  return joined(
    Array.from({ length: rng.int(0, 3) }, () => [plain(ex.name())]),
    ',',
  );
}
