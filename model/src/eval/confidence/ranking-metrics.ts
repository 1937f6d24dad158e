/**
 * How well a score sorts right captions from wrong ones, and how well it is calibrated as a probability of being
 * right: AUROC and expected calibration error over one split's captions.
 */

export interface ScoredCaption {
  /** The score under test, in [0, 1] (reliability, or confidence for comparison). */
  score: number;
  right: boolean;
}

/**
 * Area under the ROC curve of right vs wrong: the probability that a random right caption scores higher than a
 * random wrong one, ties counting half (Mann-Whitney U with mid-ranks). null when either class is empty.
 */
export function auroc(captions: readonly ScoredCaption[]): number | null {
  const sorted = [...captions].sort((a, b) => a.score - b.score);
  const right = sorted.filter((c) => c.right).length;
  const wrong = sorted.length - right;
  if (right === 0 || wrong === 0) return null;
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]?.score === sorted[i]?.score) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (sorted[k]?.right) rankSum += midRank;
    i = j + 1;
  }
  return (rankSum - (right * (right + 1)) / 2) / (right * wrong);
}

export interface CalibrationBin {
  /** [lower, upper) of scores; the last bin includes 1. */
  lower: number;
  upper: number;
  count: number;
  /** Mean score of the bin's captions, and the share of them that are right; null when empty. */
  meanScore: number | null;
  accuracy: number | null;
}

/** Equal-width bins over [0, 1] (15 by default, as Guo et al. 2017 report ECE). */
export function calibrationBins(captions: readonly ScoredCaption[], bins = 15): CalibrationBin[] {
  const out = Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    n: 0,
    sum: 0,
    hits: 0,
  }));
  for (const c of captions) {
    const bin = out[Math.min(bins - 1, Math.max(0, Math.floor(c.score * bins)))];
    if (!bin) continue;
    bin.n++;
    bin.sum += c.score;
    bin.hits += c.right ? 1 : 0;
  }
  return out.map((b) => ({
    lower: b.lower,
    upper: b.upper,
    count: b.n,
    meanScore: b.n === 0 ? null : b.sum / b.n,
    accuracy: b.n === 0 ? null : b.hits / b.n,
  }));
}

/** Expected calibration error: sum over bins of (share of captions) × |accuracy − mean score|. */
export function expectedCalibrationError(captions: readonly ScoredCaption[], bins = 15): number | null {
  if (captions.length === 0) return null;
  return calibrationBins(captions, bins).reduce(
    (sum, b) => sum + (b.count / captions.length) * Math.abs((b.accuracy ?? 0) - (b.meanScore ?? 0)),
    0,
  );
}
