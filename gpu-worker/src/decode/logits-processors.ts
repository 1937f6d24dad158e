/**
 * Logits processors in Hugging Face's sense: each takes one row's token ids so far (start token included) and
 * its log-probabilities, and bans tokens in place by setting them to -Infinity.
 */
export type LogitsProcessor = (ids: readonly number[], scores: Float64Array) => void;

/** Bans EOS while the sequence (start token included) is shorter than `minLength`, as `MinLengthLogitsProcessor`. */
export function minLengthProcessor(minLength: number, eosIds: ReadonlySet<number>): LogitsProcessor {
  return (ids, scores) => {
    if (ids.length < minLength) for (const eos of eosIds) scores[eos] = Number.NEGATIVE_INFINITY;
  };
}

/** Bans any token that would repeat an n-gram of size `n`, as `NoRepeatNGramLogitsProcessor`. */
export function noRepeatNgramProcessor(n: number): LogitsProcessor {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`no_repeat_ngram_size must be a positive integer, got ${n}`);
  return (ids, scores) => {
    if (ids.length + 1 < n) return;
    const prefix = ids.slice(ids.length - n + 1).join(',');
    for (let start = 0; start + n <= ids.length; start++) {
      if (ids.slice(start, start + n - 1).join(',') === prefix) {
        const banned = ids[start + n - 1];
        if (banned !== undefined) scores[banned] = Number.NEGATIVE_INFINITY;
      }
    }
  };
}
