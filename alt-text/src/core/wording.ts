import { type CaptionScores, thresholdedScore } from './thresholds.ts';

/** Hedged by default: a machine's description is a guess, and the reader should hear that it is one. */
export const DEFAULT_WORDING = 'Image may contain: {caption}';

/**
 * The alt text for a caption, or undefined when the caption is not likely enough to be right to be worth reading
 * out (a wrong description is worse than none): its reliability, or its confidence from a service without a
 * verifier, must reach the threshold (unset: the default for that score, thresholds.ts).
 */
export function altTextFor(
  caption: { caption: string } & CaptionScores,
  wording: string,
  threshold: number | undefined,
): string | undefined {
  const text = caption.caption.trim();
  const judged = thresholdedScore(caption, threshold);
  if (text === '' || !(judged.score >= judged.threshold)) return undefined;
  return wording.includes('{caption}') ? wording.replaceAll('{caption}', text) : `${wording} ${text}`;
}
