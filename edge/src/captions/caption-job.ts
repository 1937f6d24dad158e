import type { RgbImage } from '@captioner/shared/image/rgb-image.ts';
import type { ApiKey } from '../auth/keys.ts';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { Env } from '../env.ts';
import { prepareImage } from '../image/decode.ts';
import { fetchImageUrl } from '../image/fetch-url.ts';
import type { ImageFormat } from '../image/sniff.ts';
import { getModelInfo, type RelayStream, relayCaption } from '../relay/relay-client.ts';
import type { ModelInfo, RelayJob } from '../relay/relay-events.ts';
import { type CaptionOptions, checkAgainstModel } from './options.ts';
import type { CaptionBody } from './read-body.ts';
import { readCachedCaption, recordInCache, resultCacheKey } from './result-cache.ts';

/** An image ready for the GPU workers, with everything the answer reports about it. */
export interface PreparedCaption {
  id: string;
  model: ModelInfo;
  options: CaptionOptions;
  pixels: RgbImage;
  image: { format: ImageFormat; width: number; height: number };
}

export function newCaptionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `cap_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Checks the options against the model, then fetches (for a URL), sniffs, decodes and resizes the image. */
export async function prepareCaption(
  env: Env,
  image: CaptionBody['image'],
  options: CaptionOptions,
  id = newCaptionId(),
): Promise<PreparedCaption> {
  const config = readEdgeConfig(env);
  const model = await getModelInfo(env);
  checkAgainstModel(options, model);
  const bytes = 'bytes' in image ? image.bytes : await fetchImageUrl(image.url, config);
  const prepared = prepareImage(
    bytes,
    { width: model.inputWidth, height: model.inputHeight },
    {
      maxPixels: config.maxImagePixels,
    },
  );
  return {
    id,
    model,
    options,
    pixels: prepared.pixels,
    image: { format: prepared.format, width: prepared.sourceWidth, height: prepared.sourceHeight },
  };
}

/** Starts the caption on the GPU workers through the relay, or replays it from the result cache. */
export async function startCaption(env: Env, prepared: PreparedCaption, key: ApiKey): Promise<RelayStream> {
  const ttl = readEdgeConfig(env).resultCacheTtlSeconds;
  if (ttl === 0) return relayJob(env, prepared, key);
  const cacheKey = await resultCacheKey(prepared);
  const hit = await readCachedCaption(cacheKey);
  if (hit !== undefined) return hit;
  return recordInCache(await relayJob(env, prepared, key), cacheKey, ttl);
}

function relayJob(env: Env, prepared: PreparedCaption, key: ApiKey): Promise<RelayStream> {
  const o = prepared.options;
  const job: RelayJob = {
    width: prepared.pixels.width,
    height: prepared.pixels.height,
    options: {
      beams: o.beams,
      alternatives: o.alternatives ?? o.beams,
      attention: o.attention,
      ...(o.max_words === undefined ? {} : { maxWords: o.max_words }),
    },
    keyId: key.id,
    maxConcurrent: key.maxConcurrent,
  };
  return relayCaption(env, job, prepared.pixels.data);
}
