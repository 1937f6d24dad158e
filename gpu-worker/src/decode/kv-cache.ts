import * as ort from 'onnxruntime-node';
import type { PastKeyValues } from '../model/caption-model.ts';

/**
 * Builds the cache for the next step from the rows `sources` of the present cache ([rows, H, P, E] per tensor):
 * when beams are re-ranked, a surviving beam takes its parent's cache row instead of recomputing its prefix.
 */
export function selectCacheRows(cache: PastKeyValues, sources: readonly number[]): PastKeyValues {
  return cache.map((tensor) => {
    const [rows = 0, heads = 0, length = 0, size = 0] = tensor.dims;
    const rowSize = heads * length * size;
    const data = tensor.data as Float32Array;
    const out = new Float32Array(sources.length * rowSize);
    sources.forEach((source, row) => {
      if (source < 0 || source >= rows)
        throw new RangeError(`cache row ${source} out of range 0..${rows - 1}`);
      out.set(data.subarray(source * rowSize, (source + 1) * rowSize), row * rowSize);
    });
    return new ort.Tensor('float32', out, [sources.length, heads, length, size]);
  });
}

/** Repeats each row of [rows, ...] `times` times consecutively: encoder states for the beams of each request. */
export function repeatRows(tensor: ort.Tensor, times: number): ort.Tensor {
  const [rows = 0, ...rest] = tensor.dims;
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const data = tensor.data as Float32Array;
  const out = new Float32Array(rows * times * rowSize);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * rowSize, (r + 1) * rowSize);
    for (let t = 0; t < times; t++) out.set(row, (r * times + t) * rowSize);
  }
  return new ort.Tensor('float32', out, [rows * times, ...rest]);
}

/** Row `row` of [rows, ...] as a tensor of batch 1 (a view of the same data). */
export function tensorRow(tensor: ort.Tensor, row: number): ort.Tensor {
  const [, ...rest] = tensor.dims;
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const data = tensor.data as Float32Array;
  return new ort.Tensor('float32', data.subarray(row * rowSize, (row + 1) * rowSize), [1, ...rest]);
}
