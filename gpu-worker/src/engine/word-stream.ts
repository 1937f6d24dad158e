import type { CaptionTokenizer } from '@captioner/shared';

/**
 * Turns the settled tokens of a search into words, each emitted once. Decoding uses the tokenizer's own rules, so
 * sub-word tokens (BPE) are joined into words; a word is final once text after it has settled, or the caption
 * ended. With a word-level tokenizer every settled token is already a whole word.
 */
export class WordStream {
  #emitted = 0;

  constructor(
    private readonly tokenizer: CaptionTokenizer,
    private readonly eosIds: ReadonlySet<number>,
  ) {}

  get emitted(): number {
    return this.#emitted;
  }

  /** New final words from the settled tokens; `ended` when the caption is complete. */
  update(settled: readonly number[], ended: boolean): { index: number; text: string; tokenEnd: number }[] {
    const words = settled.filter((t) => !this.eosIds.has(t));
    const text = this.tokenizer.decode(words);
    const all = text.length > 0 ? text.split(' ') : [];
    const complete = ended || this.tokenizer.wordLevel || settled.some((t) => this.eosIds.has(t));
    const finalCount = complete ? all.length : Math.max(0, all.length - 1);
    const out: { index: number; text: string; tokenEnd: number }[] = [];
    while (this.#emitted < finalCount) {
      const index = this.#emitted++;
      // Token position where the word ends: exact for word-level tokenizers, the word's share otherwise.
      const tokenEnd = this.tokenizer.wordLevel
        ? index + 1
        : Math.round(((index + 1) / all.length) * words.length);
      out.push({ index, text: all[index] ?? '', tokenEnd });
    }
    return out;
  }
}
