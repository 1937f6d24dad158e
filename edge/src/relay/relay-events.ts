import { z } from 'zod';

/**
 * What the relay Durable Object streams back to the worker that asked for a caption: newline-delimited JSON,
 * `word`s in order, then exactly one `result` or `error`. Errors already carry the public API's codes.
 */
export const RelayWordSchema = z.object({
  type: z.literal('word'),
  index: z.int().min(0),
  text: z.string(),
  attention: z.array(z.number()).optional(),
});

export const RelayResultSchema = z.object({
  type: z.literal('result'),
  caption: z.string(),
  confidence: z.number(),
  /** null when the model has no verifier, or the worker predates reliability. */
  reliability: z.number().nullable(),
  alternatives: z.array(z.object({ caption: z.string(), score: z.number() })),
  tokens: z.int().min(0),
  timings: z.object({ queueMs: z.number(), encodeMs: z.number(), decodeMs: z.number(), totalMs: z.number() }),
  attentionGrid: z.object({ rows: z.int(), cols: z.int() }).optional(),
  model: z.string(),
  /** 1, or 2 when the first worker failed before any word and the request was retried on another. */
  attempts: z.int().min(1),
  /** Set by the edge's result cache when this result was reused instead of computed. */
  cached: z.boolean().optional(),
});

export const RelayErrorCodeSchema = z.enum([
  'invalid_request',
  'rate_limited',
  'backend_unavailable',
  'backend_error',
]);

export const RelayErrorSchema = z.object({
  type: z.literal('error'),
  code: RelayErrorCodeSchema,
  message: z.string(),
  retryAfterSeconds: z.number().optional(),
});

export const RelayEventSchema = z.discriminatedUnion('type', [
  RelayWordSchema,
  RelayResultSchema,
  RelayErrorSchema,
]);

export type RelayWord = z.infer<typeof RelayWordSchema>;
export type RelayResult = z.infer<typeof RelayResultSchema>;
export type RelayError = z.infer<typeof RelayErrorSchema>;
export type RelayErrorCode = z.infer<typeof RelayErrorCodeSchema>;
export type RelayEvent = z.infer<typeof RelayEventSchema>;

/** The request half, sent as the `x-relay-job` header with the RGB pixels as the body. */
export const RelayJobSchema = z.strictObject({
  width: z.int().min(1).max(65_535),
  height: z.int().min(1).max(65_535),
  options: z.strictObject({
    beams: z.int().min(1).optional(),
    maxWords: z.int().min(1).optional(),
    alternatives: z.int().min(1).optional(),
    attention: z.boolean().optional(),
  }),
  /** Whose request: the per-key concurrency cap is enforced where every request passes, in the relay. */
  keyId: z.string().min(1),
  maxConcurrent: z.int().min(1),
});
export type RelayJob = z.infer<typeof RelayJobSchema>;

export const RELAY_JOB_HEADER = 'x-relay-job';

/** The model the pool serves, as announced in the workers' `hello`. */
export const ModelInfoSchema = z.object({
  name: z.string(),
  inputWidth: z.int().min(1),
  inputHeight: z.int().min(1),
  supportsAttention: z.boolean(),
  maxBeams: z.int().min(1),
  maxWords: z.int().min(1),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;
