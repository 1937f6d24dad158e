/**
 * The shipped model directory loaded by transformers.js's `image-to-text` pipeline, from local files only: an
 * independent implementation of the same layout (docs/transformers-js.md). It reads config.json,
 * preprocessor_config.json, tokenizer files and onnx/{encoder_model,decoder_model_merged}.onnx by their Optimum
 * names; our engine's extra graphs (cross-attention cache) are ignored by it.
 */
import { basename, dirname, resolve } from 'node:path';
import type { RgbImage } from '@captioner/shared';
import { env, type ImageToTextPipeline, pipeline, RawImage } from '@huggingface/transformers';

export interface TransformersCaptioner {
  /** Greedy caption of one image (transformers.js has no beam search). */
  caption(image: RgbImage): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Loads `modelDir` with `pipeline('image-to-text')`. Remote models are switched off, so a missing or unreadable file
 * fails here instead of being fetched from a hub.
 */
export async function loadTransformersCaptioner(
  modelDir: string,
  maxNewTokens: number,
): Promise<TransformersCaptioner> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const absolute = resolve(modelDir);
  env.localModelPath = `${dirname(absolute)}/`;
  const captioner: ImageToTextPipeline = await pipeline('image-to-text', basename(absolute), {
    device: 'cpu',
    dtype: 'fp32',
  });
  return {
    async caption(image) {
      // Raw RGB in, so both implementations see the same pixels (no second decode of the file).
      const raw = new RawImage(new Uint8ClampedArray(image.data), image.width, image.height, 3);
      // generation_config.json says num_beams 3; transformers.js would run greedy anyway, say so explicitly.
      const output = await captioner(raw, { max_new_tokens: maxNewTokens, num_beams: 1, do_sample: false });
      const first = Array.isArray(output) ? output[0] : undefined;
      const text = first !== undefined && 'generated_text' in first ? first.generated_text : undefined;
      if (typeof text !== 'string')
        throw new Error(`unexpected image-to-text output ${JSON.stringify(output)}`);
      return text.trim();
    },
    dispose: () => captioner.dispose(),
  };
}
