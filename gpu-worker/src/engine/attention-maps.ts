import type * as ort from 'onnxruntime-node';

/** The patch grid of N encoder positions: a square grid, after a leading CLS token when there is one (ViT). */
export function patchGrid(positions: number): { rows: number; cols: number; skip: number } | undefined {
  for (const skip of [0, 1]) {
    const side = Math.round(Math.sqrt(positions - skip));
    if (side > 0 && side * side === positions - skip) return { rows: side, cols: side, skip };
  }
  return undefined;
}

/**
 * For each row of one decoder step, the cross-attention over image patches averaged over layers and heads:
 * where the model looked while choosing that row's token. `crossAttentions` are per layer [rows, H, 1, N].
 */
export function rowAttentionMaps(
  crossAttentions: readonly ort.Tensor[],
  rowStart: number,
  rows: number,
  skip: number,
): Float32Array[] {
  const maps: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    let map: Float32Array | undefined;
    let terms = 0;
    for (const layer of crossAttentions) {
      const [, heads = 0, seq = 0, n = 0] = layer.dims;
      const data = layer.data as Float32Array;
      map ??= new Float32Array(n - skip);
      for (let h = 0; h < heads; h++) {
        const base = (((rowStart + r) * heads + h) * seq + (seq - 1)) * n + skip;
        for (let i = 0; i < map.length; i++) map[i] = (map[i] ?? 0) + (data[base + i] ?? 0);
        terms++;
      }
    }
    if (map) for (let i = 0; i < map.length; i++) map[i] = (map[i] ?? 0) / terms;
    maps.push(map ?? new Float32Array(0));
  }
  return maps;
}
