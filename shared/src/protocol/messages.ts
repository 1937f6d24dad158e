import { z } from 'zod';
import { ERROR_CODES } from './error-codes.ts';
import { REQUEST_ID_PATTERN } from './request-id.ts';

/** Bumped on any change an older peer would misread; the worker announces it in `hello`. */
export const PROTOCOL_VERSION = 1;

const requestId = z.string().regex(REQUEST_ID_PATTERN, 'must be 1..64 characters of A-Z a-z 0-9 . _ : -');
const count = z.int().min(1);
const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);

// Worker → edge. Plain objects (unknown keys dropped): a worker may add an optional field within a version
// without breaking edges that do not know it yet.

export const WorkerLimitsSchema = z.object({
  maxBeams: count,
  maxWords: count,
  /** Largest binary pixel frame, header included. */
  maxPixelFrameBytes: count,
  /** Requests in flight (accepted, no final event yet) per connection. */
  maxConcurrentRequests: count,
  /** Deadline of a request that does not set `timeoutMs`. */
  defaultTimeoutMs: count,
  maxTimeoutMs: count,
});

export const HelloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.int(),
  model: z.object({
    name: z.string(),
    /** The size the model sees; the edge resizes to it so frames stay small and no pixel is resized twice. */
    inputWidth: count,
    inputHeight: count,
    /** Normalisation the worker applies to 0..1 pixels, per RGB channel (for clients that show what it sees). */
    imageMean: rgbTriple,
    imageStd: rgbTriple,
    supportsAttention: z.boolean(),
  }),
  limits: WorkerLimitsSchema,
});

export const WordSchema = z.object({
  type: z.literal('word'),
  id: requestId,
  index: z.int().min(0),
  text: z.string(),
  attention: z.array(z.number()).optional(),
});

export const ResultSchema = z.object({
  type: z.literal('result'),
  id: requestId,
  caption: z.string(),
  confidence: z.number().min(0).max(1),
  /**
   * The model's verifier's probability that every object the caption names is in the image; null when the model
   * has no verifier. Optional within version 1: a worker from before it sends none (read as null).
   */
  reliability: z.number().min(0).max(1).nullable().optional(),
  alternatives: z.array(z.object({ caption: z.string(), score: z.number() })),
  tokens: z.int().min(0),
  timings: z.object({
    queueMs: z.number().min(0),
    encodeMs: z.number().min(0),
    decodeMs: z.number().min(0),
    totalMs: z.number().min(0),
  }),
  attentionGrid: z.object({ rows: count, cols: count }).optional(),
});

export const ErrorSchema = z.object({
  type: z.literal('error'),
  /** Absent on connection-level errors, which end no request. */
  id: requestId.optional(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  WordSchema,
  ResultSchema,
  ErrorSchema,
]);

// Edge → worker. Strict: a misspelt field is refused rather than silently ignored.

export const CaptionOptionsSchema = z.strictObject({
  /** 1 is greedy; default 1. */
  beams: count.optional(),
  /** Default `limits.maxWords`. */
  maxWords: count.optional(),
  /** Size of the n-best list, 1..beams; default 1. */
  alternatives: count.optional(),
  /** Stream a cross-attention map with each word; default false. */
  attention: z.boolean().optional(),
});

export const CaptionSchema = z.strictObject({
  type: z.literal('caption'),
  id: requestId,
  width: z.int().min(1).max(65_535),
  height: z.int().min(1).max(65_535),
  options: CaptionOptionsSchema.optional(),
  /** Deadline from the worker's receipt of this message; default `limits.defaultTimeoutMs`. */
  timeoutMs: count.optional(),
});

export const CancelSchema = z.strictObject({
  type: z.literal('cancel'),
  id: requestId,
});

export const EdgeMessageSchema = z.discriminatedUnion('type', [CaptionSchema, CancelSchema]);

export type WorkerLimits = z.infer<typeof WorkerLimitsSchema>;
export type Hello = z.infer<typeof HelloSchema>;
export type WordMessage = z.infer<typeof WordSchema>;
export type ResultMessage = z.infer<typeof ResultSchema>;
export type ErrorMessage = z.infer<typeof ErrorSchema>;
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;
export type CaptionOptionsMessage = z.infer<typeof CaptionOptionsSchema>;
export type CaptionMessage = z.infer<typeof CaptionSchema>;
export type CancelMessage = z.infer<typeof CancelSchema>;
export type EdgeMessage = z.infer<typeof EdgeMessageSchema>;
