// AUROC, expected calibration error and thresholds of eval:confidence and fit:verifier, on hand-checked numbers.
import { describe, expect, it } from 'vitest';
import {
  auroc,
  calibrationBins,
  expectedCalibrationError,
} from '../../src/eval/confidence/ranking-metrics.ts';
import {
  lowestThresholdFor,
  lowestThresholdForEach,
  outcomeAt,
} from '../../src/eval/confidence/thresholds.ts';

const c = (score: number, right: boolean) => ({ score, right });

describe('auroc', () => {
  it('is the chance that a right caption outscores a wrong one, ties counting half', () => {
    expect(auroc([c(0.9, true), c(0.8, true), c(0.1, false)])).toBe(1);
    expect(auroc([c(0.1, true), c(0.9, false)])).toBe(0);
    // pairs (right, wrong): (0.8, 0.5) win, (0.8, 0.8) tie, (0.3, 0.5) loss, (0.3, 0.8) loss → 1.5 / 4
    expect(auroc([c(0.8, true), c(0.3, true), c(0.5, false), c(0.8, false)])).toBe(0.375);
    expect(auroc([c(0.5, true)])).toBeNull();
  });
});

describe('expected calibration error', () => {
  it('weights each bin’s |share right − mean score| by its share of captions', () => {
    // Bin [0, 1/15): 0.0 and 0.02, one right → |0.5 − 0.01|; bin [14/15, 1]: 1.0 and 0.95, both right → 0.025.
    const captions = [c(0, false), c(0.02, true), c(1, true), c(0.95, true)];
    expect(expectedCalibrationError(captions)).toBeCloseTo(0.5 * 0.49 + 0.5 * 0.025, 12);
    const bins = calibrationBins(captions);
    expect(bins).toHaveLength(15);
    expect(bins[14]).toMatchObject({ count: 2, accuracy: 1 });
    expect(bins[7]).toMatchObject({ count: 0, accuracy: null, meanScore: null });
    expect(expectedCalibrationError([c(0.7, true), c(0.7, true), c(0.7, false)])).toBeCloseTo(
      Math.abs(2 / 3 - 0.7),
      12,
    );
  });
});

describe('thresholds', () => {
  const captions = [c(0.95, true), c(0.9, true), c(0.8, false), c(0.7, true), c(0.6, true), c(0.2, false)];
  it('says what share is described and how precise it is', () => {
    expect(outcomeAt(captions, 0)).toEqual({ threshold: 0, described: 1, precision: 4 / 6 });
    expect(outcomeAt(captions, 0.65)).toEqual({ threshold: 0.65, described: 4 / 6, precision: 3 / 4 });
    expect(outcomeAt(captions, 0.99)).toEqual({ threshold: 0.99, described: 0, precision: null });
  });
  it('chooses the lowest 0.01 step that reaches the target precision', () => {
    // At 0.21 the wrong 0.2 is out: 4 of 5 right. For 0.85, 0.8 (wrong) must go too: only at 0.81.
    expect(lowestThresholdFor(captions, 0.8)).toEqual({ threshold: 0.21, described: 5 / 6, precision: 0.8 });
    expect(lowestThresholdFor(captions, 0.85)?.threshold).toBe(0.81);
    expect(lowestThresholdFor([c(0.5, false)], 0.9)).toBeUndefined();
  });

  it('with groups, every group must reach the target on its own, not only the pool', () => {
    const easy = Array.from({ length: 8 }, (_, i) => c(0.5 + i * 0.01, true));
    const hard = [c(0.3, true), c(0.4, false), c(0.6, false), c(0.9, true)];
    // Pooled, 0.41 gives 9 of 10 right; the hard group alone is 1 of 2 until 0.61.
    expect(lowestThresholdFor([...easy, ...hard], 0.9)?.threshold).toBe(0.41);
    expect(lowestThresholdForEach([easy, hard], 0.9)?.threshold).toBe(0.61);
    // Screenshots (no right caption) count only in the pool: a low one changes nothing, high ones forbid all.
    expect(lowestThresholdForEach([easy, hard], 0.9, [c(0.2, false)])?.threshold).toBe(0.61);
    expect(lowestThresholdForEach([hard], 0.9, [c(0.95, false), c(0.96, false)])).toBeUndefined();
  });
});
