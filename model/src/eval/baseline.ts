import { readFileSync } from 'node:fs';

/**
 * The trivial baseline: always answer the most frequent training caption. A model must beat it on object
 * recall to be worth anything; on BLEU it can be surprisingly strong, since it matches the templates.
 */
export function mostFrequentCaption(trainCaptionsPath: string): string {
  const coco = JSON.parse(readFileSync(trainCaptionsPath, 'utf8')) as { annotations: { caption: string }[] };
  const counts = new Map<string, number>();
  for (const { caption } of coco.annotations) {
    const normalised = caption.trim().toLowerCase();
    counts.set(normalised, (counts.get(normalised) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [caption, n] of counts) {
    if (n > bestCount || (n === bestCount && caption < best)) {
      best = caption;
      bestCount = n;
    }
  }
  if (bestCount === 0) throw new Error(`${trainCaptionsPath} has no captions`);
  return best;
}
