import type * as ort from 'onnxruntime-node';
import type { CaptionModel, PastKeyValues } from '../model/caption-model.ts';
import { BeamHypotheses, type EarlyStopping, type Hypothesis } from './beam-hypotheses.ts';
import { repeatRows, selectCacheRows } from './kv-cache.ts';
import { logitsRow, logSoftmax } from './logits.ts';
import { type LogitsProcessor, minLengthProcessor, noRepeatNgramProcessor } from './logits-processors.ts';

export interface BeamSearchOptions {
  numBeams: number;
  /** Total length including the start token (Hugging Face's `max_length`). */
  maxLength: number;
  /** EOS is banned while the sequence, start token included, is shorter. */
  minLength: number;
  lengthPenalty: number;
  earlyStopping: EarlyStopping;
  noRepeatNgramSize: number;
}

export interface Candidate {
  beam: number;
  token: number;
  logProb: number;
}

/**
 * The 2K best (beam, token) pairs by summed log-probability, best first; ties go to the lower beam, then the
 * lower token id (flattened index order, as torch.topk on CPU returns them).
 */
export function topCandidates(beamScores: readonly Float64Array[], count: number): Candidate[] {
  const best: Candidate[] = [];
  const worse = (a: Candidate, b: Candidate): boolean =>
    a.logProb < b.logProb ||
    (a.logProb === b.logProb && (a.beam > b.beam || (a.beam === b.beam && a.token > b.token)));
  beamScores.forEach((scores, beam) => {
    for (let token = 0; token < scores.length; token++) {
      const logProb = scores[token] ?? Number.NEGATIVE_INFINITY;
      if (logProb === Number.NEGATIVE_INFINITY) continue;
      const candidate = { beam, token, logProb };
      const last = best[best.length - 1];
      if (best.length === count && last && !worse(last, candidate)) continue;
      let at = best.length;
      while (at > 0 && worse(best[at - 1] as Candidate, candidate)) at--;
      best.splice(at, 0, candidate);
      if (best.length > count) best.pop();
    }
  });
  return best;
}

/**
 * Beam search for one image with Hugging Face semantics (see shared notes, model-format.md): all K beams in one
 * decoder call per step, KV cache rows reordered when beams are re-ranked. Returns the kept hypotheses, best
 * first. With K = 1 it is greedy search.
 */
export async function beamSearch(
  model: CaptionModel,
  encoderStates: ort.Tensor,
  options: BeamSearchOptions,
): Promise<Hypothesis[]> {
  const { dir } = model;
  const k = options.numBeams;
  if (Number(encoderStates.dims[0]) !== 1)
    throw new RangeError('beamSearch takes the encoder states of one image');
  const processors: LogitsProcessor[] = [minLengthProcessor(options.minLength, dir.eosIds)];
  if (options.noRepeatNgramSize > 0) processors.push(noRepeatNgramProcessor(options.noRepeatNgramSize));
  const hypotheses = new BeamHypotheses(
    k,
    options.lengthPenalty,
    options.earlyStopping,
    options.maxLength - 1,
  );

  const states = repeatRows(encoderStates, k);
  // Every beam starts as the start token; only beam 0 may expand at first, or the K beams would be copies.
  let beams: number[][] = Array.from({ length: k }, () => [dir.startId]);
  let sums: number[] = Array.from({ length: k }, (_, i) => (i === 0 ? 0 : -1e9));
  let past: PastKeyValues | null = null;
  let finished = false;

  for (;;) {
    const out = await model.decoderStep({
      inputIds: beams.map((b) => b[b.length - 1] ?? dir.startId),
      batch: k,
      seq: 1,
      encoderStates: states,
      past,
    });
    const vocab = Number(out.logits.dims[2]);
    const logits = out.logits.data as Float32Array;
    const scored = beams.map((ids, beam) => {
      const scores = logSoftmax(logitsRow(logits, vocab, 1, beam, 0));
      for (const process of processors) process(ids, scores);
      const sum = sums[beam] ?? 0;
      for (let t = 0; t < vocab; t++) scores[t] = (scores[t] ?? 0) + sum;
      return scores;
    });
    const generated = (beams[0]?.length ?? 1) - 1; // tokens generated before this step
    const candidates = topCandidates(scored, 2 * k);

    const next: Candidate[] = [];
    for (const [rank, c] of candidates.entries()) {
      if (dir.eosIds.has(c.token)) {
        // An EOS ranked below the top K does not end a hypothesis (HF: is_beam_token_worse_than_top_num_beams).
        if (rank < k) hypotheses.add([...(beams[c.beam] ?? []).slice(1), c.token], c.logProb, generated + 1);
      } else {
        next.push(c);
      }
      if (next.length === k) break;
    }
    const best = candidates[0]?.logProb ?? Number.NEGATIVE_INFINITY;
    finished = hypotheses.isDone(best, generated + 1);
    if (finished) break;

    beams = next.map((c) => [...(beams[c.beam] ?? []), c.token]);
    sums = next.map((c) => c.logProb);
    if (beams.length < k) break; // fewer than K continuations exist: the vocabulary is exhausted
    past = selectCacheRows(
      out.present,
      next.map((c) => c.beam),
    );
    if ((beams[0]?.length ?? 0) >= options.maxLength) break;
  }

  if (!finished) {
    // At max length every running beam becomes a hypothesis, as HF's finalize does.
    for (const [beam, ids] of beams.entries()) hypotheses.add(ids.slice(1), sums[beam] ?? 0, ids.length - 1);
  }
  return hypotheses.ranked();
}
