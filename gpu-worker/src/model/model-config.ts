import { z } from 'zod';

/**
 * Schemas for the JSON files of a model directory in the Hugging Face vision-encoder-decoder layout. Only the
 * fields this server uses are required; unknown fields pass through, so exports from other tools load too.
 */

const tokenId = z.number().int().nonnegative();

export const ModelConfigSchema = z.looseObject({
  model_type: z.literal('vision-encoder-decoder'),
  encoder: z.looseObject({ model_type: z.string(), image_size: z.number().int().positive().optional() }),
  decoder: z.looseObject({
    model_type: z.string(),
    vocab_size: z.number().int().positive(),
    n_positions: z.number().int().positive().optional(),
  }),
  decoder_start_token_id: tokenId.nullish(),
  bos_token_id: tokenId.nullish(),
  eos_token_id: tokenId.nullish(),
  pad_token_id: tokenId.nullish(),
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

export const GenerationConfigSchema = z.looseObject({
  decoder_start_token_id: tokenId.nullish(),
  bos_token_id: tokenId.nullish(),
  eos_token_id: z.union([tokenId, z.array(tokenId)]).nullish(),
  pad_token_id: tokenId.nullish(),
  max_length: z.number().int().positive().default(20),
  num_beams: z.number().int().positive().default(1),
  length_penalty: z.number().default(1),
  early_stopping: z.union([z.boolean(), z.literal('never')]).default(false),
  no_repeat_ngram_size: z.number().int().nonnegative().default(0),
  min_length: z.number().int().nonnegative().default(0),
});
export type GenerationConfig = z.infer<typeof GenerationConfigSchema>;

const sizeSchema = z.union([
  z
    .number()
    .int()
    .positive()
    .transform((n) => ({ height: n, width: n })),
  z.object({ height: z.number().int().positive(), width: z.number().int().positive() }),
]);
const channelTriple = z.union([
  z.number().transform((v) => [v, v, v] as [number, number, number]),
  z.tuple([z.number(), z.number(), z.number()]),
]);

export const PreprocessorConfigSchema = z.looseObject({
  do_resize: z.boolean().default(true),
  size: sizeSchema,
  resample: z.number().int().default(2),
  do_rescale: z.boolean().default(true),
  rescale_factor: z
    .number()
    .positive()
    .default(1 / 255),
  do_normalize: z.boolean().default(true),
  image_mean: channelTriple.default([0.5, 0.5, 0.5]),
  image_std: channelTriple.default([0.5, 0.5, 0.5]),
});
export type PreprocessorConfig = z.infer<typeof PreprocessorConfigSchema>;
