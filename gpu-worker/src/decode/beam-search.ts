import type * as ort from 'onnxruntime-node';
import type { CaptionModel, PastKeyValues } from '../model/caption-model.ts';
import type { Hypothesis } from './beam-hypotheses.ts';
import { type BeamSearchOptions, BeamState } from './beam-state.ts';
import { repeatRows, selectCacheRows } from './kv-cache.ts';
import { logitsRow } from './logits.ts';

export type { BeamSearchOptions } from './beam-state.ts';

/**
 * Beam search for one image, alone: all K beams in one decoder call per step, KV cache rows reordered when beams
 * are re-ranked. The serving engine advances the same `BeamState` for many requests per call; this is the
 * single-request path for tools and tests. Returns the kept hypotheses, best first.
 */
export async function beamSearch(
  model: CaptionModel,
  encoderStates: ort.Tensor,
  options: BeamSearchOptions,
): Promise<Hypothesis[]> {
  const { dir } = model;
  if (Number(encoderStates.dims[0]) !== 1)
    throw new RangeError('beamSearch takes the encoder states of one image');
  const state = new BeamState(options, dir.startId, dir.eosIds);
  const k = options.numBeams;
  const states = repeatRows(encoderStates, k);
  let past: PastKeyValues | null = null;
  while (!state.done) {
    const out = await model.decoderStep({
      inputIds: state.lastTokens(),
      batch: k,
      seq: 1,
      encoderStates: states,
      past,
    });
    const vocab = Number(out.logits.dims[2]);
    const logits = out.logits.data as Float32Array;
    const rows = Array.from({ length: k }, (_, beam) => logitsRow(logits, vocab, 1, beam, 0));
    const { parents, done } = state.advance(rows);
    if (!done) past = selectCacheRows(out.present, parents);
  }
  return state.ranked();
}
