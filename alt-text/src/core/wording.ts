/** Hedged by default: a machine's description is a guess, and the reader should hear that it is one. */
export const DEFAULT_WORDING = 'Image may contain: {caption}';

/**
 * The alt text for a caption, or undefined when the caption is not confident enough to be worth reading out (a
 * wrong description is worse than none).
 */
export function altTextFor(
  caption: { caption: string; confidence: number },
  wording: string,
  threshold: number,
): string | undefined {
  const text = caption.caption.trim();
  if (text === '' || !(caption.confidence >= threshold)) return undefined;
  return wording.includes('{caption}') ? wording.replaceAll('{caption}', text) : `${wording} ${text}`;
}
