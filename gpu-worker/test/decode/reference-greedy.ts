import type * as ort from 'onnxruntime-node';
import { argmax, logitsRow, logSoftmax } from '../../src/decode/logits.ts';
import type { CaptionModel, PastKeyValues } from '../../src/model/caption-model.ts';

export interface GreedyOptions {
  /** Total length including the start token, as Hugging Face's `max_length`. */
  maxLength?: number;
  /** EOS is banned while the sequence, start token included, is shorter than this (Hugging Face's `min_length`). */
  minLength?: number;
}

export interface GreedyResult {
  /** Generated token ids, without the start token, ending with EOS if the model emitted it. */
  tokens: number[];
  text: string;
  /** Sum of the chosen tokens' log-probabilities. */
  logProb: number;
}

/**
 * Greedy decoding of a batch with the KV cache: one decoder call per step for all rows. Rows that have finished
 * keep being fed padding so the batch stays rectangular; their outputs are ignored.
 */
export async function greedyDecode(
  model: CaptionModel,
  encoderStates: ort.Tensor,
  options: GreedyOptions = {},
): Promise<GreedyResult[]> {
  const { dir } = model;
  const batch = Number(encoderStates.dims[0]);
  const maxLength = options.maxLength ?? dir.generation.max_length;
  const minLength = options.minLength ?? dir.generation.min_length;
  const tokens: number[][] = Array.from({ length: batch }, () => []);
  const logProbs = new Array<number>(batch).fill(0);
  const done = new Array<boolean>(batch).fill(false);
  let input = new Array<number>(batch).fill(dir.startId);
  let past: PastKeyValues | null = null;

  for (let step = 1; step < maxLength && done.includes(false); step++) {
    const out = await model.decoderStep({ inputIds: input, batch, seq: 1, encoderStates, past });
    past = out.present;
    const logits = out.logits.data as Float32Array;
    const vocab = Number(out.logits.dims[2]);
    const next: number[] = [];
    for (let row = 0; row < batch; row++) {
      if (done[row]) {
        next.push(dir.padId);
        continue;
      }
      const scores = logSoftmax(logitsRow(logits, vocab, 1, row, 0));
      if ((tokens[row]?.length ?? 0) + 1 < minLength) {
        for (const eos of dir.eosIds) scores[eos] = Number.NEGATIVE_INFINITY;
      }
      const token = argmax(scores);
      tokens[row]?.push(token);
      logProbs[row] = (logProbs[row] ?? 0) + (scores[token] ?? 0);
      if (dir.eosIds.has(token)) done[row] = true;
      next.push(token);
    }
    input = next;
  }
  return tokens.map((ids, row) => ({
    tokens: ids,
    text: dir.tokenizer.decode(ids),
    logProb: logProbs[row] ?? 0,
  }));
}
