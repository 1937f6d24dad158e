import type { CaptionMessage, WorkerLimits } from './messages.ts';
import { pixelFrameSize } from './pixel-frame.ts';

/** Options with every default filled in: what the engine decodes with. */
export interface ResolvedCaptionOptions {
  beams: number;
  maxWords: number;
  alternatives: number;
  attention: boolean;
}

export type ResolvedCaptionRequest =
  | { ok: true; options: ResolvedCaptionOptions; timeoutMs: number }
  | { ok: false; code: 'invalid_options' | 'attention_unsupported' | 'frame_too_large'; message: string };

/**
 * Checks a schema-valid `caption` against the limits announced in `hello` and fills in defaults. The edge can run
 * the same check before sending, so a request the worker would refuse never leaves the edge.
 */
export function resolveCaptionRequest(
  request: CaptionMessage,
  limits: WorkerLimits,
  supportsAttention: boolean,
): ResolvedCaptionRequest {
  const o = request.options ?? {};
  const beams = o.beams ?? 1;
  const maxWords = o.maxWords ?? limits.maxWords;
  const alternatives = o.alternatives ?? 1;
  const attention = o.attention ?? false;
  const timeoutMs = request.timeoutMs ?? limits.defaultTimeoutMs;
  const invalid = (message: string) => ({ ok: false, code: 'invalid_options', message }) as const;
  if (beams > limits.maxBeams) return invalid(`beams must be 1..${limits.maxBeams}, got ${beams}`);
  if (maxWords > limits.maxWords) return invalid(`maxWords must be 1..${limits.maxWords}, got ${maxWords}`);
  if (alternatives > beams) return invalid(`alternatives must be 1..beams (${beams}), got ${alternatives}`);
  if (timeoutMs > limits.maxTimeoutMs) {
    return invalid(`timeoutMs must be 1..${limits.maxTimeoutMs}, got ${timeoutMs}`);
  }
  if (attention && !supportsAttention) {
    return {
      ok: false,
      code: 'attention_unsupported',
      message: 'this model has no cross-attention outputs; send attention: false',
    };
  }
  const frameBytes = pixelFrameSize(request.id, request.width, request.height);
  if (frameBytes > limits.maxPixelFrameBytes) {
    return {
      ok: false,
      code: 'frame_too_large',
      message:
        `a ${request.width}x${request.height} image needs a ${frameBytes}-byte frame, over the limit of ` +
        `${limits.maxPixelFrameBytes}; resize it to the model's input size first`,
    };
  }
  return { ok: true, options: { beams, maxWords, alternatives, attention }, timeoutMs };
}
