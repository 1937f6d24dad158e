import type { LogitsProcessor } from './logits-processors.ts';

/**
 * The object gate read in context, as the grounded metrics read captions: a token that would complete one of a
 * class's phrases ("dog" after "hot" completes "hot dog"; after "a" it completes "dog") is banned only when every
 * class it could complete there is absent. Words shared by several classes ("dog", "ball", "glasses") are gated
 * this way too, and a word is never banned for a class the words before it rule out.
 */
export class PhraseGate {
  /** Last token of a phrase -> the tokens before it in that phrase and the phrase's class. */
  readonly #byLast = new Map<number, { prefix: readonly number[]; cls: number }[]>();

  /** phrasesPerClass: per class (the presence head's order), the token ids of its name, plural and synonyms. */
  constructor(phrasesPerClass: readonly (readonly (readonly number[])[])[]) {
    phrasesPerClass.forEach((phrases, cls) => {
      for (const phrase of phrases) {
        const last = phrase[phrase.length - 1];
        if (last === undefined) continue;
        const entries = this.#byLast.get(last) ?? [];
        entries.push({ prefix: phrase.slice(0, -1), cls });
        this.#byLast.set(last, entries);
      }
    });
  }

  /** A processor for one image: absent[c] says whether class c is below the presence threshold. */
  processor(absent: readonly boolean[]): LogitsProcessor {
    return (ids, scores) => {
      for (const [token, entries] of this.#byLast) {
        let could = false;
        let allAbsent = true;
        for (const { prefix, cls } of entries) {
          if (!endsWith(ids, prefix)) continue;
          could = true;
          if (!absent[cls]) {
            allAbsent = false;
            break;
          }
        }
        if (could && allAbsent) scores[token] = Number.NEGATIVE_INFINITY;
      }
    };
  }
}

function endsWith(ids: readonly number[], suffix: readonly number[]): boolean {
  if (suffix.length > ids.length) return false;
  const offset = ids.length - suffix.length;
  return suffix.every((token, i) => ids[offset + i] === token);
}
