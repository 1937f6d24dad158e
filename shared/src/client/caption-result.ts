import * as z from 'zod/mini';

// What the edge answers, checked at the boundary. Objects are loose: fields the service adds later pass through
// instead of breaking deployed clients.

const AlternativeSchema = z.looseObject({ caption: z.string(), score: z.number() });

export const CaptionResultSchema = z.looseObject({
  id: z.string(),
  caption: z.string(),
  confidence: z.number(),
  /** Probability that every object the caption names is in the image; null without a verifier, absent from older services. */
  reliability: z.optional(z.nullable(z.number())),
  alternatives: z.array(AlternativeSchema),
  model: z.string(),
  timings: z.looseObject({ total_ms: z.number(), worker_ms: z.number() }),
  image: z.looseObject({ format: z.string(), width: z.number(), height: z.number() }),
  attention: z.optional(
    z.looseObject({
      rows: z.number(),
      cols: z.number(),
      words: z.array(z.looseObject({ index: z.number(), text: z.string(), weights: z.array(z.number()) })),
    }),
  ),
});
/** The JSON answer of `POST /v1/captions` (docs/api.md). */
export type CaptionResult = z.infer<typeof CaptionResultSchema>;

export const CaptionWordSchema = z.looseObject({
  index: z.number(),
  text: z.string(),
  attention: z.optional(z.array(z.number())),
});
export type CaptionWord = z.infer<typeof CaptionWordSchema>;

export const StreamErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  retry_after: z.optional(z.number()),
});

export const TokenSchema = z.looseObject({ token: z.string() });

/** What `streamCaption` yields: each word as soon as it is final, then exactly one `done` with the whole answer. */
export type CaptionStreamEvent =
  | { type: 'word'; index: number; text: string; attention?: number[] }
  | { type: 'done'; result: CaptionResult };
