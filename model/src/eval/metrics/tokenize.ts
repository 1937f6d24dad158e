/**
 * Caption tokenisation as the COCO evaluation does it: Stanford PTBTokenizer (CoreNLP 3.4.1) run with
 * `-preserveLines -lowerCase`, then pycocoevalcap drops the tokens in PUNCTUATION and joins the rest with
 * single spaces. The lexer is a re-implementation (ptb-rules.ts) with JFlex's longest-match rule; it covers
 * the cases captions contain: contractions ("don't" -> "do n't", "it's" -> "it 's", "cannot" -> "can not"),
 * split-off punctuation, abbreviations and acronyms that keep their period ("mr.", "u.s."), hyphenated words
 * and numbers kept whole ("black-and-white", "3.5", "1,000"), quote and bracket normalisation.
 *
 * Where it can differ from the Java tokenizer:
 * - Rules the grammar has but captions do not need are left out: SGML tags, URLs, e-mail addresses, phone
 *   numbers, HTML entities other than &amp;, the sentence-end handling that only adds a "." token (dropped
 *   anyway). A caption with a URL or a tag can therefore split differently.
 * - Defaults that changed between CoreNLP releases follow the 3.x documentation: British spellings are
 *   Americanized ("grey" -> "gray"), "/" and "*" are escaped ("and/or" -> "and\/or"), "[" and "<" become
 *   -LRB-, and "gonna"/"wanna" are not split. If the 3.4.1 jar differs on one of these, so do we.
 * - Characters the Java lexer deletes as untokenizable, or keeps as symbols, are approximated: letters and
 *   digits of every script are words; common symbols are kept; anything else (emoji, for one) is deleted.
 * - Unicode case mapping is JavaScript's toLowerCase, not Java's with Locale.ENGLISH (they differ only for a
 *   few special characters).
 * - A "\r", "\u2028", "\u2029", "\v", "\f" or "\u0085" inside a caption is a line break to the Java lexer, which
 *   misaligns every later caption in the reference pipeline; here it is plain whitespace.
 * Quirks of the reference that are reproduced on purpose: "(" becomes "-lrb-" and survives the punctuation
 * filter (the filter lists "-LRB-" in upper case); "?!" and "!!" are single tokens and survive; "'s" and "n't"
 * are tokens of their own.
 * There is no Java here: the rules were checked against the grammar's source and hand-written examples
 * (model/test/eval/tokenize.test.ts), not against the 3.4.1 jar's output.
 */
import { PTB_RULES, type PtbRule } from './ptb-rules.ts';

/** pycocoevalcap's tokenizer/ptbtokenizer.py PUNCTUATIONS, compared after lower-casing as there. */
const PUNCTUATION: ReadonlySet<string> = new Set(
  "'' ' `` ` -LRB- -RRB- -LCB- -RCB- . ? ! , : - -- ... ;".split(' '),
);

interface CompiledRule {
  readonly rule: PtbRule;
  /** Group 1 is the token; anything after it is trailing context. */
  readonly pattern: RegExp;
}

const COMPILED: readonly CompiledRule[] = PTB_RULES.map((rule) => ({
  rule,
  pattern: new RegExp(`(${rule.body})${rule.context === undefined ? '' : `(?:${rule.context})`}`, 'uy'),
}));

/** PTB tokens in the lexer's normalised form, before lower-casing. */
export function lexPtb(text: string): string[] {
  const tokens: string[] = [];
  let position = 0;
  while (position < text.length) {
    let best: { rule: PtbRule; token: string; matchLength: number } | undefined;
    for (const { rule, pattern } of COMPILED) {
      pattern.lastIndex = position;
      const match = pattern.exec(text);
      if (match === null) continue;
      // Longest match wins, trailing context included; on a tie the earlier rule wins.
      if (best === undefined || match[0].length > best.matchLength) {
        best = { rule, token: match[1] ?? '', matchLength: match[0].length };
      }
    }
    // The catch-all rule matches every code point, so best is set and its token is never empty.
    if (best === undefined || best.token.length === 0)
      throw new Error(`PTB lexer stuck at offset ${position}`);
    tokens.push(...best.rule.emit(best.token));
    position += best.token.length;
  }
  return tokens;
}

/**
 * One caption as the COCO scorers receive it: lower-cased PTB tokens without punctuation, joined by single
 * spaces ("" when nothing is left).
 */
export function tokenizeCaption(caption: string): string {
  // The Python wrapper puts each caption on its own line (newlines inside become spaces); the lexer then sees
  // the line break after it, which some trailing-context rules look at.
  const line = `${caption.replaceAll('\n', ' ')}\n`;
  return lexPtb(line)
    .map((token) => token.toLowerCase())
    .filter((token) => !PUNCTUATION.has(token))
    .join(' ');
}
