import type { ModelDirectory } from '../model/model-directory.ts';
import { type CaptionOptions, EngineError } from './types.ts';

export const MAX_BEAMS = 8;

/** Longest caption the model can produce, in words: its max_length less the start token and EOS. */
export function modelMaxWords(dir: ModelDirectory): number {
  const positions = (dir.config.decoder as { n_positions?: number }).n_positions ?? dir.generation.max_length;
  return Math.max(1, Math.min(dir.generation.max_length, positions) - 2);
}

/** Checks options against the model's limits; throws `invalid_options` naming the field and the allowed range. */
export function validateOptions(
  options: CaptionOptions,
  dir: ModelDirectory,
  supportsAttention: boolean,
): void {
  const maxWords = modelMaxWords(dir);
  const check = (ok: boolean, message: string): void => {
    if (!ok) throw new EngineError('invalid_options', message);
  };
  check(
    Number.isInteger(options.beams) && options.beams >= 1 && options.beams <= MAX_BEAMS,
    `beams must be 1..${MAX_BEAMS}`,
  );
  check(
    Number.isInteger(options.maxWords) && options.maxWords >= 1 && options.maxWords <= maxWords,
    `max_words must be 1..${maxWords}`,
  );
  check(
    Number.isInteger(options.alternatives) &&
      options.alternatives >= 1 &&
      options.alternatives <= options.beams,
    `alternatives must be 1..beams (${options.beams})`,
  );
  if (options.attention && !supportsAttention) {
    throw new EngineError(
      'attention_unsupported',
      `model ${dir.name} does not output cross-attention weights`,
    );
  }
}
