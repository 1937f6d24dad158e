import { z } from 'zod';
import { FEATURE_NAMES } from './caption-features.ts';

/**
 * `verifier.json`, an optional extra of a model directory (docs/architecture.md, Verifier): a logistic
 * regression on the caption's features (caption-features.ts) that estimates the probability that every object
 * the caption names is in the image. Written by `npm run fit:verifier`; read by the engine and by the tools.
 */
export const VERIFIER_FORMAT = 'caption-verifier/1';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const VerifierFileSchema = z.object({
  format: z.literal(VERIFIER_FORMAT),
  /** The feature list the names come from (caption-features.ts FEATURE_SET), for provenance. */
  feature_set: z.string(),
  /** In the order the weights apply: z = (x - mean) / std, logit = bias + sum(weight * z). */
  features: z
    .array(
      z.object({
        name: z.enum(FEATURE_NAMES),
        mean: finite,
        std: finite.refine((s) => s > 0, 'must be positive'),
        weight: finite,
      }),
    )
    .min(1)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'feature names must not repeat'),
  bias: finite,
  /** reliability = sigmoid(logit / temperature); 1 leaves the regression's own probabilities. */
  temperature: finite.refine((t) => t > 0, 'must be positive').default(1),
  /**
   * The alt-text default: the lowest reliability at which the captions of the named splits reach the target
   * precision, or null when none does.
   */
  threshold: z
    .object({
      value: z.number().min(0).max(1).nullable(),
      target_precision: z.number().min(0).max(1),
      precision: z.number().min(0).max(1).nullable(),
      described: z.number().min(0).max(1).nullable(),
      splits: z.array(z.string()),
    })
    .optional(),
  /** What it was fitted on: model, splits (with images and right captions), L2 strength, date, command. */
  fit: z.looseObject({
    model: z.string(),
    date: z.string(),
    splits: z.array(z.object({ name: z.string(), images: z.int().min(0), right: z.int().min(0) })),
  }),
});

export type VerifierFile = z.infer<typeof VerifierFileSchema>;
