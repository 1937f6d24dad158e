/**
 * What a threshold buys an alt-text writer: the plugin describes an image only when the caption's score reaches
 * the threshold. Described = share of images that get alt text; wrong = share of those whose caption is wrong
 * (names an absent object, or none that is present); precision = 1 − wrong, the "alt-text precision".
 */
import type { ScoredCaption } from './ranking-metrics.ts';

export interface ThresholdOutcome {
  threshold: number;
  described: number;
  /** null when nothing is described. */
  precision: number | null;
}

export function outcomeAt(captions: readonly ScoredCaption[], threshold: number): ThresholdOutcome {
  const kept = captions.filter((c) => c.score >= threshold);
  return {
    threshold,
    described: captions.length === 0 ? 0 : kept.length / captions.length,
    precision: kept.length === 0 ? null : kept.filter((c) => c.right).length / kept.length,
  };
}

/**
 * The lowest threshold on a 0.01 grid at which the described captions reach `targetPrecision`, or undefined
 * when none does. Lowest, so the plugin stays silent no more often than the target needs.
 */
export function lowestThresholdFor(
  captions: readonly ScoredCaption[],
  targetPrecision: number,
): ThresholdOutcome | undefined {
  for (let step = 0; step <= 100; step++) {
    const outcome = outcomeAt(captions, step / 100);
    if (outcome.precision !== null && outcome.precision >= targetPrecision) return outcome;
  }
  return undefined;
}

/**
 * The lowest threshold on a 0.01 grid at which every group of captions reaches `targetPrecision` (a group with
 * nothing described passes) and so do all of them together with `pooledOnly`: a default chosen on emoji,
 * real-world and screenshot validation splits at once would otherwise buy its pooled precision with the easy emoji
 * captions. Groups without a right caption (screenshots) belong in `pooledOnly`, where they can only lower it.
 */
export function lowestThresholdForEach(
  groups: readonly (readonly ScoredCaption[])[],
  targetPrecision: number,
  pooledOnly: readonly ScoredCaption[] = [],
): ThresholdOutcome | undefined {
  const pooled = [...groups.flat(), ...pooledOnly];
  for (let step = 0; step <= 100; step++) {
    const t = step / 100;
    const each = groups.every((g) => {
      const p = outcomeAt(g, t).precision;
      return p === null || p >= targetPrecision;
    });
    const all = outcomeAt(pooled, t);
    if (each && all.precision !== null && all.precision >= targetPrecision) return all;
  }
  return undefined;
}
