import type { LogitsProcessor } from './logits-processors.ts';

/**
 * The object gate read in context, as the grounded metrics read captions: a token that would complete one of a
 * class's phrases ("dog" after "hot" completes "hot dog"; after "a" it completes "dog") is banned only when every
 * class it could complete there is absent. Words shared by several classes ("dog", "ball", "glasses") are gated
 * this way too, and a word is never banned for a class the words before it rule out.
 *
 * Given the model's free bigrams (where its training captions use a token outside any class phrase, and the token
 * before it: "of" after "picture", the colour "orange" after "an"), the gate also reads a token that starts or
 * continues a phrase: "bunch" can only begin "bunch of grapes", so it is banned when the grapes are absent, before
 * the caption is committed to a phrase whose last word the gate would then ban ("a red bunch of footballs"). A
 * token is never banned after a token it follows freely in training ("an orange car"); after "red", "orange" can
 * only name the fruit.
 */
export class PhraseGate {
  /** Token -> each reading of it in a phrase: the phrase's tokens before it, and the phrase's class. */
  readonly #readings = new Map<number, { prefix: readonly number[]; cls: number }[]>();

  /** Token -> the tokens after which the training captions use it outside class phrases. */
  readonly #freeAfter = new Map<number, Set<number>>();

  /**
   * phrasesPerClass: per class (the presence head's order), the token ids of its name, plural and synonyms.
   * freeBigrams: [previous token, token] pairs; without them only a phrase's last token is read (older files).
   */
  constructor(
    phrasesPerClass: readonly (readonly (readonly number[])[])[],
    freeBigrams?: readonly (readonly [number, number])[],
  ) {
    for (const [previous, token] of freeBigrams ?? []) {
      const after = this.#freeAfter.get(token) ?? new Set<number>();
      after.add(previous);
      this.#freeAfter.set(token, after);
    }
    phrasesPerClass.forEach((phrases, cls) => {
      for (const phrase of phrases) {
        const positions = freeBigrams === undefined ? [phrase.length - 1] : phrase.keys();
        for (const k of positions) {
          const token = phrase[k];
          if (token === undefined) continue;
          const readings = this.#readings.get(token) ?? [];
          readings.push({ prefix: phrase.slice(0, k), cls });
          this.#readings.set(token, readings);
        }
      }
    });
  }

  /** A processor for one image: absent[c] says whether class c is below the presence threshold. */
  processor(absent: readonly boolean[]): LogitsProcessor {
    return (ids, scores) => {
      const previous = ids[ids.length - 1] ?? -1;
      for (const [token, readings] of this.#readings) {
        if (this.#freeAfter.get(token)?.has(previous)) continue;
        let could = false;
        let allAbsent = true;
        for (const { prefix, cls } of readings) {
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
