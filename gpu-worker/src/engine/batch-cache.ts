import * as ort from 'onnxruntime-node';
import type { PastKeyValues } from '../model/caption-model.ts';

/** One request's slice of a batched decoder call. */
export interface CacheSlice {
  /** Its own cache per layer tensor [rows, H, pastLength, E], or null before its first step. */
  cache: PastKeyValues | null;
  rows: number;
  pastLength: number;
}

export interface PackedPast {
  past: PastKeyValues;
  /** [totalRows, pastLength + 1]: 0 over left padding, 1 over real tokens and the token fed now. */
  attentionMask: number[];
  pastLength: number;
}

/**
 * Packs requests at different steps into one decoder call: every request's cache is left-padded to the longest
 * past, and the attention mask hides the padding (positions come from the mask, so a request's tokens keep their
 * positions). `tensorsPerRow` is 2 × layers.
 */
export function packPast(
  slices: readonly CacheSlice[],
  tensorsPerRow: number,
  heads: number,
  headSize: number,
): PackedPast {
  const pastLength = Math.max(0, ...slices.map((s) => s.pastLength));
  const totalRows = slices.reduce((n, s) => n + s.rows, 0);
  const attentionMask: number[] = [];
  for (const s of slices) {
    for (let r = 0; r < s.rows; r++) {
      for (let p = 0; p < pastLength; p++) attentionMask.push(p < pastLength - s.pastLength ? 0 : 1);
      attentionMask.push(1);
    }
  }
  const past: PastKeyValues = [];
  for (let t = 0; t < tensorsPerRow; t++) {
    const data = new Float32Array(totalRows * heads * pastLength * headSize);
    let row = 0;
    for (const s of slices) {
      const source = s.cache?.[t];
      if (source && s.pastLength > 0) {
        const src = source.data as Float32Array;
        const pad = pastLength - s.pastLength;
        for (let r = 0; r < s.rows; r++, row++) {
          for (let h = 0; h < heads; h++) {
            const from = (r * heads + h) * s.pastLength * headSize;
            const to = ((row * heads + h) * pastLength + pad) * headSize;
            data.set(src.subarray(from, from + s.pastLength * headSize), to);
          }
        }
      } else {
        row += s.rows;
      }
    }
    past.push(new ort.Tensor('float32', data, [totalRows, heads, pastLength, headSize]));
  }
  return { past, attentionMask, pastLength };
}

/**
 * One request's next cache from a batched call's present tensors [totalRows, H, P + 1, E]: its rows chosen by
 * `parents` (beam re-ranking), without the left padding. No prefix is recomputed.
 */
export function unpackPresent(
  present: PastKeyValues,
  rowStart: number,
  parents: readonly number[],
  keepLength: number,
): PastKeyValues {
  return present.map((tensor) => {
    const [, heads = 0, length = 0, headSize = 0] = tensor.dims;
    const src = tensor.data as Float32Array;
    const out = new Float32Array(parents.length * heads * keepLength * headSize);
    const skip = length - keepLength;
    for (const [row, parent] of parents.entries()) {
      for (let h = 0; h < heads; h++) {
        const from = (((rowStart + parent) * heads + h) * length + skip) * headSize;
        out.set(src.subarray(from, from + keepLength * headSize), (row * heads + h) * keepLength * headSize);
      }
    }
    return new ort.Tensor('float32', out, [parents.length, heads, keepLength, headSize]);
  });
}

/** Encoder states for a batch: each request's [1, N, D] states repeated once per row it has. */
export function stackEncoderStates(slices: readonly { states: ort.Tensor; rows: number }[]): ort.Tensor {
  const [, n = 0, d = 0] = slices[0]?.states.dims ?? [];
  const rowSize = n * d;
  const totalRows = slices.reduce((sum, s) => sum + s.rows, 0);
  const out = new Float32Array(totalRows * rowSize);
  let row = 0;
  for (const s of slices) {
    const src = s.states.data as Float32Array;
    for (let r = 0; r < s.rows; r++, row++) out.set(src.subarray(0, rowSize), row * rowSize);
  }
  return new ort.Tensor('float32', out, [totalRows, n, d]);
}

/** Per-request tensors [1, ...] (one list per request, same shapes) stacked into [requests, ...] per position. */
export function stackRequestTensors(perRequest: readonly (readonly ort.Tensor[])[]): ort.Tensor[] {
  const first = perRequest[0] ?? [];
  return first.map((template, t) => {
    const [, ...rest] = template.dims;
    const size = rest.reduce((a, b) => a * b, 1);
    const out = new Float32Array(perRequest.length * size);
    for (const [r, tensors] of perRequest.entries()) out.set(tensors[t]?.data as Float32Array, r * size);
    return new ort.Tensor('float32', out, [perRequest.length, ...rest]);
  });
}
