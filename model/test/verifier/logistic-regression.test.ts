// The verifier's logistic regression on data whose answer is known in closed form or by construction.
import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, solve, standardisation } from '../../src/verifier/logistic-regression.ts';

const logit = (p: number) => Math.log(p / (1 - p));

/** xorshift32: a fixed stream of numbers in (0, 1), so the simulated data is the same on every run. */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
}

describe('fitLogistic', () => {
  it('one binary feature, no penalty: the maximum-likelihood answer is the two groups’ log-odds', () => {
    // x = 0: 3 right of 4; x = 1: 1 right of 5.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1], [1]];
    const labels = [true, true, true, false, true, false, false, false, false];
    const model = fitLogistic(rows, labels, { l2: 0 });
    expect(predict(model, [0])).toBeCloseTo(3 / 4, 9);
    expect(predict(model, [1])).toBeCloseTo(1 / 5, 9);
    // On the standardised scale: x has mean 5/9 and std sqrt(20)/9.
    const std = Math.sqrt(20) / 9;
    expect(model.mean[0]).toBeCloseTo(5 / 9, 12);
    expect(model.std[0]).toBeCloseTo(std, 12);
    expect(model.weights[0]).toBeCloseTo((logit(1 / 5) - logit(3 / 4)) * std, 9);
  });

  it('recovers the weights of the model that generated the labels', () => {
    const next = uniform(7);
    const truth = { bias: -0.5, weights: [1.5, -2, 0] };
    const rows: number[][] = [];
    const labels: boolean[] = [];
    for (let n = 0; n < 20_000; n++) {
      const x = [next() * 4 - 2, next() * 2, next() * 10];
      const p = 1 / (1 + Math.exp(-(truth.bias + truth.weights.reduce((s, w, j) => s + w * (x[j] ?? 0), 0))));
      rows.push(x);
      labels.push(next() < p);
    }
    const model = fitLogistic(rows, labels, { l2: 0 });
    const raw = model.weights.map((w, j) => w / (model.std[j] ?? 1));
    expect(raw[0]).toBeCloseTo(1.5, 1);
    expect(raw[1]).toBeCloseTo(-2, 1);
    expect(Math.abs(raw[2] ?? 1)).toBeLessThan(0.03);
    expect(fitLogistic(rows, labels, { l2: 0 })).toEqual(model); // deterministic
  });

  it('L2 shrinks the weights and keeps separable data finite; a constant feature gets weight 0', () => {
    const rows = [
      [0, 5],
      [1, 5],
      [2, 5],
      [3, 5],
    ];
    const labels = [false, false, true, true];
    const weak = fitLogistic(rows, labels, { l2: 10 });
    const strong = fitLogistic(rows, labels, { l2: 100 });
    expect(Number.isFinite(weak.weights[0])).toBe(true);
    expect(weak.weights[0]).toBeGreaterThan(strong.weights[0] ?? Number.POSITIVE_INFINITY);
    expect(strong.weights[0]).toBeGreaterThan(0);
    expect(weak.weights[1]).toBe(0);
    expect(weak.std[1]).toBe(1);
    // Balanced labels, symmetric data: the bias is 0 and the middle gets one half.
    expect(weak.bias).toBeCloseTo(0, 12);
    expect(predict(weak, [1.5, 5])).toBeCloseTo(0.5, 12);
  });
});

describe('solve and standardisation', () => {
  it('solves a small system and standardises columns', () => {
    expect(
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ).map((v) => Number(v.toFixed(12))),
    ).toEqual([0.8, 1.4]);
    expect(
      standardisation([
        [1, 2],
        [3, 2],
      ]),
    ).toEqual({ mean: [2, 2], std: [1, 1] });
  });
});
