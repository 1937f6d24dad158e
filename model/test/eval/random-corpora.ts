/**
 * Seeded random pre-tokenised caption corpora for the reference parity test. Captions draw on a small shared
 * vocabulary so n-grams overlap at every order; candidates are copies, edits or shuffles of a reference, random
 * word strings, repeated words (clipping), empty, or from a disjoint vocabulary (no overlap at all). A few
 * captions carry doubled or edge spaces, which BLEU/CIDEr (str.split()) and ROUGE-L (split(" ")) treat apart.
 */
import type { TokenizedImage } from '../../src/eval/metrics/corpus.ts';

const SHARED_WORDS =
  'a an the dog cat man woman red blue two on in of with next to sitting running small big'.split(' ');
const DISJOINT_WORDS = 'zebra quartz violin nebula kayak origami walrus saffron'.split(' ');

/** mulberry32: a small, fast, seedable generator; good enough to vary test data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomCorpora(seed: number, corpusCount = 48): TokenizedImage[][] {
  const random = generator(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const words = (vocabulary: readonly string[], min: number, max: number) =>
    Array.from({ length: int(min, max) }, () => pick(vocabulary));

  const edit = (tokens: readonly string[]): string[] => {
    const edited = [...tokens];
    for (let n = int(1, 3); n > 0; n--) {
      const at = int(0, edited.length);
      const roll = random();
      if (roll < 0.4 && edited.length > 0) edited.splice(Math.min(at, edited.length - 1), 1);
      else if (roll < 0.8) edited.splice(at, 0, pick(SHARED_WORDS));
      else edited.reverse();
    }
    return edited;
  };

  const join = (tokens: readonly string[]): string => {
    const caption = tokens.join(' ');
    const roll = random();
    if (roll < 0.02) return caption.replace(' ', '  ');
    if (roll < 0.03) return ` ${caption}`;
    return caption;
  };

  const image = (imageId: number): TokenizedImage => {
    const references = Array.from({ length: int(1, 5) }, () =>
      words(SHARED_WORDS, random() < 0.05 ? 0 : 3, 16),
    );
    const base = pick(references);
    const roll = random();
    let candidate: string[];
    if (roll < 0.15) candidate = [...base];
    else if (roll < 0.45) candidate = edit(base);
    else if (roll < 0.55) candidate = [...base].sort(() => random() - 0.5);
    else if (roll < 0.75) candidate = words(SHARED_WORDS, 1, 20);
    else if (roll < 0.83) candidate = Array.from({ length: int(2, 8) }, () => base[0] ?? 'a');
    else if (roll < 0.9) candidate = [];
    else candidate = words(DISJOINT_WORDS, 1, 12);
    return { imageId, candidate: join(candidate), references: references.map(join) };
  };

  return Array.from({ length: corpusCount }, (_, c) => {
    const size = c % 8 === 0 ? 1 : int(2, 14);
    const images = Array.from({ length: size }, (_, i) => image(c * 100 + i));
    // The reference's CIDEr asserts on max() of the document frequencies: a corpus needs one non-empty reference.
    const first = images[0];
    if (first?.references.every((r) => r.trim() === '')) {
      images[0] = { ...first, references: [...first.references, 'a dog on the grass'] };
    }
    return images;
  });
}
