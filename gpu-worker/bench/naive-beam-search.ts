import type * as ort from 'onnxruntime-node';
import type { CaptionModel } from '../src/model/caption-model.ts';

export interface ReferenceHypothesis {
  tokens: number[];
  score: number;
}

interface ReferenceOptions {
  numBeams: number;
  maxLength: number;
  lengthPenalty: number;
}

function logSoftmax(row: Float32Array): number[] {
  const max = Math.max(...row);
  const logZ = max + Math.log(row.reduce((sum, v) => sum + Math.exp(v - max), 0));
  return Array.from(row, (v) => v - logZ);
}

/**
 * Beam search written the naive way, as the seed did it: one decoder call per beam per step, each recomputing the
 * whole prefix with no cache, and the Hugging Face bookkeeping (top 2K candidates, EOS only within the top K,
 * score = sum / length^penalty with EOS counted, early_stopping false) spelled out plainly. The engine must give
 * the same n-best lists and scores.
 */
export async function naiveBeamSearch(
  model: CaptionModel,
  encoderStates: ort.Tensor,
  options: ReferenceOptions,
): Promise<ReferenceHypothesis[]> {
  const { startId, eosIds } = model.dir;
  const k = options.numBeams;
  let beams = [{ ids: [startId], sum: 0 }];
  const finished: ReferenceHypothesis[] = [];
  const worstKept = (): number => Math.min(...finished.map((h) => h.score));

  while (true) {
    const candidates: { beam: number; token: number; sum: number }[] = [];
    for (const [beam, { ids, sum }] of beams.entries()) {
      const out = await model.decoderStep({
        inputIds: ids,
        batch: 1,
        seq: ids.length,
        encoderStates,
        past: null,
      });
      const vocab = Number(out.logits.dims[2]);
      const last = (out.logits.data as Float32Array).subarray((ids.length - 1) * vocab, ids.length * vocab);
      for (const [token, lp] of logSoftmax(last).entries()) candidates.push({ beam, token, sum: sum + lp });
    }
    candidates.sort((a, b) => b.sum - a.sum || a.beam - b.beam || a.token - b.token);
    const generatedBefore = (beams[0]?.ids.length ?? 1) - 1;
    const next: { ids: number[]; sum: number }[] = [];
    for (const [rank, c] of candidates.slice(0, 2 * k).entries()) {
      const ids = beams[c.beam]?.ids ?? [];
      if (eosIds.has(c.token)) {
        if (rank >= k) continue;
        const score = c.sum / (generatedBefore + 1) ** options.lengthPenalty;
        if (finished.length < k || score > worstKept()) {
          finished.push({ tokens: [...ids.slice(1), c.token], score });
          if (finished.length > k)
            finished.splice(finished.indexOf(finished.reduce((a, b) => (b.score < a.score ? b : a))), 1);
        }
      } else {
        next.push({ ids: [...ids, c.token], sum: c.sum });
      }
      if (next.length === k) break;
    }
    const best = candidates[0]?.sum ?? Number.NEGATIVE_INFINITY;
    if (finished.length === k && worstKept() >= best / (generatedBefore + 1) ** options.lengthPenalty) break;
    beams = next;
    if ((beams[0]?.ids.length ?? 0) >= options.maxLength) {
      for (const { ids, sum } of beams) {
        const score = sum / (ids.length - 1) ** options.lengthPenalty;
        if (finished.length < k || score > worstKept()) {
          finished.push({ tokens: ids.slice(1), score });
          if (finished.length > k)
            finished.splice(finished.indexOf(finished.reduce((a, b) => (b.score < a.score ? b : a))), 1);
        }
      }
      break;
    }
  }
  return finished.sort((a, b) => b.score - a.score);
}
