import { z } from 'zod';
import { API_ERROR_CODES } from '../errors/api-error.ts';

// Response bodies of the public API: the OpenAPI document is generated from these, and the whole-system tests parse
// real responses with them, so the document cannot drift from what the edge sends.

/** The JSON answer of `POST /v1/captions`, and the `done` event of the streaming answers (documented in OpenAPI). */
export const CaptionResponseSchema = z.strictObject({
  id: z.string().describe('Caption id, cap_ and 24 hex digits'),
  caption: z.string(),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .describe(
      "Geometric mean of the caption's per-token probabilities: how sure the model is of its words, not whether they are right",
    ),
  reliability: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe(
      "Probability that every object the caption names is in the image, estimated by a verifier fitted on held-out captions of the model (the fit data is in the model directory's verifier.json); null when the model has no verifier. Threshold this, not confidence, to decide whether to show a caption",
    ),
  alternatives: z
    .array(
      z.strictObject({
        caption: z.string(),
        score: z.number().describe('Length-normalised log-probability, the ranking score'),
      }),
    )
    .describe('The n-best list, best first; its first entry is the caption'),
  model: z.string(),
  cached: z
    .boolean()
    .describe(
      'True when the same pixels and options were captioned recently and the result is reused (timings are then those of the original caption, total_ms excepted)',
    ),
  timings: z.strictObject({
    total_ms: z.number().describe("Wall time at the edge, from the request's arrival to the result"),
    worker_ms: z.number().describe("The GPU worker's own time"),
    queue_ms: z.number(),
    encode_ms: z.number(),
    decode_ms: z.number(),
  }),
  image: z.strictObject({
    format: z.enum(['jpeg', 'png', 'webp', 'gif']),
    width: z.int().describe('Upright width, after EXIF orientation'),
    height: z.int(),
  }),
  attention: z
    .strictObject({
      rows: z.int(),
      cols: z.int(),
      words: z.array(z.strictObject({ index: z.int(), text: z.string(), weights: z.array(z.number()) })),
    })
    .optional()
    .describe('With attention=true: one map per word, rows x cols weights over the image, row-major'),
});
export type CaptionResponse = z.infer<typeof CaptionResponseSchema>;

export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.enum(API_ERROR_CODES), message: z.string() }),
});
export const ModelsResponseSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.string(),
      input_width: z.int(),
      input_height: z.int(),
      max_beams: z.int(),
      max_words: z.int(),
      supports_attention: z.boolean(),
    }),
  ),
});
export const TokenResponseSchema = z.strictObject({
  token: z.string(),
  expires_at: z.int().describe('Unix seconds'),
  expires_in: z.int(),
});
export const HealthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  gpu_workers: z.strictObject({ healthy: z.int(), total: z.int(), inFlight: z.int() }),
});
