import { describeIssues } from '@captioner/shared/protocol/index.ts';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import type { ModelInfo } from '../relay/relay-events.ts';

/** Booleans arrive as JSON booleans or, in query strings and form fields, as text. */
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Numbers arrive as JSON numbers or as text; `z.coerce` alone would turn "" into 0. */
const integer = z
  .union([
    z.int(),
    z
      .string()
      .regex(/^\d{1,6}$/)
      .transform(Number),
  ])
  .pipe(z.int());

export const CaptionOptionsSchema = z.strictObject({
  /** Beam width; 1 is greedy. */
  beams: integer.pipe(z.int().min(1).max(8)).default(3),
  /** Longest caption in words; default the model's limit. */
  max_words: integer.pipe(z.int().min(1)).optional(),
  /** Size of the n-best list, 1..beams; default beams. */
  alternatives: integer.pipe(z.int().min(1).max(8)).optional(),
  /** Stream a cross-attention map (one weight per image patch) with every word. */
  attention: flag.default(false),
  /** Answer with server-sent events, as `Accept: text/event-stream` does. */
  stream: flag.default(false),
});

export type CaptionOptions = z.output<typeof CaptionOptionsSchema>;
export const OPTION_NAMES = ['beams', 'max_words', 'alternatives', 'attention', 'stream'] as const;

/** Options from query parameters and body fields (body fields win); unknown body fields are refused. */
export function parseCaptionOptions(
  query: Record<string, string>,
  fields: Record<string, unknown>,
): CaptionOptions {
  const fromQuery: Record<string, unknown> = {};
  for (const name of OPTION_NAMES) if (query[name] !== undefined) fromQuery[name] = query[name];
  const parsed = CaptionOptionsSchema.safeParse({ ...fromQuery, ...fields });
  if (!parsed.success)
    throw new ApiError('invalid_request', `invalid options: ${describeIssues(parsed.error)}`);
  const options = parsed.data;
  if (options.alternatives !== undefined && options.alternatives > options.beams) {
    throw new ApiError(
      'invalid_request',
      `alternatives must be 1..beams (${options.beams}), got ${options.alternatives}`,
    );
  }
  return options;
}

/** Checks options against the model's limits before any image is decoded. */
export function checkAgainstModel(options: CaptionOptions, model: ModelInfo): void {
  if (options.beams > model.maxBeams) {
    throw new ApiError(
      'invalid_request',
      `beams must be 1..${model.maxBeams} for this model, got ${options.beams}`,
    );
  }
  if (options.max_words !== undefined && options.max_words > model.maxWords) {
    throw new ApiError(
      'invalid_request',
      `max_words must be 1..${model.maxWords} for this model, got ${options.max_words}`,
    );
  }
  if (options.attention && !model.supportsAttention) {
    throw new ApiError('invalid_request', 'this model has no attention maps; send attention=false');
  }
}
