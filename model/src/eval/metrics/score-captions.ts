/**
 * The COCO caption metrics under the reference code's key names (shared notes, metrics.md). METEOR and SPICE
 * are Java programs in the reference and are not computed here.
 */
import { corpusBleu } from './bleu.ts';
import { corpusCider } from './cider.ts';
import { type ImageId, MetricsInputError, type TokenizedImage } from './corpus.ts';
import { corpusRougeL } from './rouge.ts';
import { tokenizeCaption } from './tokenize.ts';

export interface CaptionScores {
  Bleu_1: number;
  Bleu_2: number;
  Bleu_3: number;
  Bleu_4: number;
  ROUGE_L: number;
  CIDEr: number;
}

/** Scores captions that are already tokenised as the COCO scorers expect (tokens joined by single spaces). */
export function scoreTokenized(images: readonly TokenizedImage[]): CaptionScores {
  const { ROUGE_L } = corpusRougeL(images);
  const { CIDEr } = corpusCider(images);
  return { ...corpusBleu(images), ROUGE_L, CIDEr };
}

/**
 * Scores one generated caption per image against that image's reference captions, tokenising both the way
 * the COCO evaluation does. Only images in `results` are evaluated (CIDEr-D's document frequencies come from
 * their references alone), in the order of `results`.
 */
export function scoreCaptions(
  refs: ReadonlyMap<ImageId, readonly string[]>,
  results: ReadonlyMap<ImageId, string>,
): CaptionScores {
  const images = [...results].map(([imageId, caption]): TokenizedImage => {
    const references = refs.get(imageId);
    if (references === undefined || references.length === 0) {
      throw new MetricsInputError(`image ${imageId} has a result but no reference captions`);
    }
    return { imageId, candidate: tokenizeCaption(caption), references: references.map(tokenizeCaption) };
  });
  return scoreTokenized(images);
}
