import { Tokenizer } from '@huggingface/tokenizers';

/**
 * The model's tokenizer, loaded from its `tokenizer.json` with the Hugging Face tokenizers library, so any model
 * directory in the standard layout (word-level here, byte-level BPE for vit-gpt2) decodes the same way as in
 * transformers.js.
 */
export class CaptionTokenizer {
  readonly #tokenizer: Tokenizer;
  readonly specialIds: ReadonlySet<number>;

  constructor(tokenizerJson: object, tokenizerConfig: object) {
    this.#tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    const added =
      (tokenizerJson as { added_tokens?: { id: number; special?: boolean }[] }).added_tokens ?? [];
    this.specialIds = new Set(added.filter((t) => t.special).map((t) => t.id));
  }

  get vocabSize(): number {
    return this.#tokenizer.get_vocab(true).size;
  }

  encode(text: string): number[] {
    return this.#tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** Text of generated ids, special tokens dropped. */
  decode(ids: readonly number[]): string {
    return this.#tokenizer.decode([...ids], { skip_special_tokens: true }).trim();
  }

  tokenId(token: string): number | undefined {
    return this.#tokenizer.token_to_id(token);
  }
}
