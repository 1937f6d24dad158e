/**
 * Which score the plugin thresholds, and where when the page or reader sets no threshold.
 *
 * The service answers `reliability` (its verifier's probability that every object the caption names is in the
 * image) and `confidence` (the model's mean token probability, which does not tell right captions from confident
 * mistakes). The plugin thresholds reliability whenever the answer has one, and confidence only for a service
 * without a verifier (reliability null or absent). A threshold the page or reader sets applies to whichever score
 * is used.
 */

// Set by alt-text/build.ts from the shipped model's verifier.json (threshold.value: the lowest reliability at which
// the model's val captions reach 90 % precision, chosen by `npm run fit:verifier`); unbundled (unit tests) it is
// absent and the fallback below applies.
declare const __ALT_TEXT_RELIABILITY_THRESHOLD__: number | undefined;

/** Used when no verifier.json threshold was built in: a caption more likely right than wrong. */
export const RELIABILITY_FALLBACK_THRESHOLD = 0.5;

export const DEFAULT_RELIABILITY_THRESHOLD: number =
  typeof __ALT_TEXT_RELIABILITY_THRESHOLD__ === 'number'
    ? __ALT_TEXT_RELIABILITY_THRESHOLD__
    : RELIABILITY_FALLBACK_THRESHOLD;

/**
 * On confidence (a service without a verifier), as before reliability existed: a starting point, not a calibrated
 * cut-off (docs/alt-text.md, Choosing a threshold).
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.4;

/** A caption's scores as the service gave them. */
export interface CaptionScores {
  confidence: number;
  /** null or absent: the service has no verifier. */
  reliability?: number | null;
}

/** The score the plugin compares with its threshold, which one it is, and the threshold that applies. */
export function thresholdedScore(
  scores: CaptionScores,
  threshold: number | undefined,
): { score: number; kind: 'reliability' | 'confidence'; threshold: number } {
  const { reliability } = scores;
  if (typeof reliability === 'number') {
    return { score: reliability, kind: 'reliability', threshold: threshold ?? DEFAULT_RELIABILITY_THRESHOLD };
  }
  return {
    score: scores.confidence,
    kind: 'confidence',
    threshold: threshold ?? DEFAULT_CONFIDENCE_THRESHOLD,
  };
}
