import { Tokenizer } from '@huggingface/tokenizers';

/**
 * The model's tokenizer, loaded from its `tokenizer.json` with the Hugging Face tokenizers library, so any model
 * directory in the standard layout (word-level here, byte-level BPE for vit-gpt2) decodes the same way as in
 * transformers.js.
 */
export class CaptionTokenizer {
  readonly #tokenizer: Tokenizer;
  readonly specialIds: ReadonlySet<number>;
  /** Every token is a whole word (WordLevel model), so a streamed token can be shown as a word at once. */
  readonly wordLevel: boolean;

  constructor(tokenizerJson: object, tokenizerConfig: object) {
    this.#tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    const added =
      (tokenizerJson as { added_tokens?: { id: number; special?: boolean }[] }).added_tokens ?? [];
    this.specialIds = new Set(added.filter((t) => t.special).map((t) => t.id));
    this.wordLevel = (tokenizerJson as { model?: { type?: string } }).model?.type === 'WordLevel';
  }

  get vocabSize(): number {
    return this.#tokenizer.get_vocab(true).size;
  }

  encode(text: string): number[] {
    return this.#tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** Text of generated ids, special tokens dropped. */
  decode(ids: readonly number[]): string {
    // The library refuses an empty list; an empty caption is a legitimate outcome (EOS first).
    if (ids.length === 0) return '';
    return this.#tokenizer.decode([...ids], { skip_special_tokens: true }).trim();
  }

  tokenId(token: string): number | undefined {
    return this.#tokenizer.token_to_id(token);
  }
}
