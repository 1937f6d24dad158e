/** Row `row` of a [rows, seq, vocab] logits buffer at position `pos`, as a view (no copy). */
export function logitsRow(
  data: Float32Array,
  vocab: number,
  seq: number,
  row: number,
  pos: number,
): Float32Array {
  const start = (row * seq + pos) * vocab;
  return data.subarray(start, start + vocab);
}

/** Log-softmax in float64 accumulation, so scores summed over many steps stay comparable with the reference. */
export function logSoftmax(logits: Float32Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = (logits[i] ?? 0) - logZ;
  return out;
}

/** Index of the largest value; the lowest index wins ties, as torch.argmax does. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NEGATIVE_INFINITY;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}
