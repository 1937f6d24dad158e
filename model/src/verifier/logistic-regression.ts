/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features: small (a verifier has ~15 features), exact to the optimum, and deterministic (no
 * random start, no sampling), so a refit on the same captions writes the same verifier.json.
 */
import { sigmoid } from '@captioner/gpu-worker/verifier/verifier.ts';

export interface Standardisation {
  mean: number[];
  /** Population standard deviation; 1 for a constant feature, whose weight the penalty then keeps at 0. */
  std: number[];
}

export interface LogisticModel extends Standardisation {
  weights: number[];
  bias: number;
  /** Newton steps taken. */
  iterations: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias); 0 is plain maximum likelihood. */
  l2: number;
  maxIterations?: number;
  /** Stop when no parameter moves more than this. */
  tolerance?: number;
}

export function standardisation(rows: readonly (readonly number[])[]): Standardisation {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? 0) + (row[j] ?? 0) / rows.length;
  for (const row of rows)
    for (let j = 0; j < d; j++) std[j] = (std[j] ?? 0) + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2 / rows.length;
  return { mean, std: std.map((v) => (Math.sqrt(v) > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** P(y = 1 | x) under the model. */
export function predict(model: LogisticModel, row: readonly number[]): number {
  let logit = model.bias;
  model.weights.forEach((w, j) => {
    logit += (w * ((row[j] ?? 0) - (model.mean[j] ?? 0))) / (model.std[j] ?? 1);
  });
  return sigmoid(logit);
}

/** Fits P(label | row); labels are true for the positive class. */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: FitOptions,
): LogisticModel {
  if (rows.length === 0 || rows.length !== labels.length)
    throw new RangeError(`need one label per row and at least one row, got ${rows.length}/${labels.length}`);
  const scale = standardisation(rows);
  const d = scale.mean.length;
  // Column 0 is the intercept; the rest are the standardised features.
  const z = rows.map((row) => [1, ...row.map((x, j) => (x - (scale.mean[j] ?? 0)) / (scale.std[j] ?? 1))]);
  const y = labels.map((l) => (l ? 1 : 0));
  const theta = new Array<number>(d + 1).fill(0);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const gradient = theta.map((t, j) => (j === 0 ? 0 : -options.l2 * t));
    const hessian = Array.from({ length: d + 1 }, (_, i) =>
      Array.from({ length: d + 1 }, (_, j) => (i === j && i > 0 ? options.l2 : 0)),
    );
    for (const [n, row] of z.entries()) {
      const p = sigmoid(row.reduce((sum, x, j) => sum + x * (theta[j] ?? 0), 0));
      const residual = (y[n] ?? 0) - p;
      // A floor on the weight keeps the Hessian invertible on separable data without the penalty.
      const w = Math.max(p * (1 - p), 1e-12);
      for (let i = 0; i <= d; i++) {
        const xi = row[i] ?? 0;
        gradient[i] = (gradient[i] ?? 0) + xi * residual;
        const hRow = hessian[i] as number[];
        for (let j = 0; j <= i; j++) hRow[j] = (hRow[j] ?? 0) + w * xi * (row[j] ?? 0);
      }
    }
    for (let i = 0; i <= d; i++)
      for (let j = i + 1; j <= d; j++) (hessian[i] as number[])[j] = hessian[j]?.[i] ?? 0;
    const step = solve(hessian, gradient);
    let largest = 0;
    step.forEach((s, j) => {
      theta[j] = (theta[j] ?? 0) + s;
      largest = Math.max(largest, Math.abs(s));
    });
    if (largest < tolerance) break;
  }
  return { ...scale, bias: theta[0] ?? 0, weights: theta.slice(1), iterations };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const top = m[pivot] as number[];
    if (Math.abs(top[col] ?? 0) < 1e-300) throw new RangeError('singular system: add an L2 penalty');
    [m[col], m[pivot]] = [top, m[col] as number[]];
    for (let r = col + 1; r < n; r++) {
      const row = m[r] as number[];
      const factor = (row[col] ?? 0) / (top[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (top[c] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let sum = row[n] ?? 0;
    for (let c = r + 1; c < n; c++) sum -= (row[c] ?? 0) * (x[c] ?? 0);
    x[r] = sum / (row[r] ?? 1);
  }
  return x;
}
