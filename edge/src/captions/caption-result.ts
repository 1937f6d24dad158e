import { ApiError } from '../errors/api-error.ts';
import type { CaptionResponse } from '../openapi/schemas.ts';
import type { RelayStream } from '../relay/relay-client.ts';
import type { RelayResult, RelayWord } from '../relay/relay-events.ts';
import type { PreparedCaption } from './caption-job.ts';

export function toCaptionResponse(
  prepared: PreparedCaption,
  result: RelayResult,
  words: readonly RelayWord[],
  startedAt: number,
): CaptionResponse {
  const t = result.timings;
  const response: CaptionResponse = {
    id: prepared.id,
    caption: result.caption,
    confidence: result.confidence,
    // Results cached before reliability existed have none.
    reliability: result.reliability ?? null,
    alternatives: result.alternatives,
    model: result.model,
    cached: result.cached === true,
    timings: {
      total_ms: Math.max(0, Date.now() - startedAt),
      worker_ms: t.totalMs,
      queue_ms: t.queueMs,
      encode_ms: t.encodeMs,
      decode_ms: t.decodeMs,
    },
    image: prepared.image,
  };
  if (prepared.options.attention && result.attentionGrid !== undefined) {
    response.attention = {
      rows: result.attentionGrid.rows,
      cols: result.attentionGrid.cols,
      words: words.map((w) => ({ index: w.index, text: w.text, weights: w.attention ?? [] })),
    };
  }
  return response;
}

/** Reads a relay stream to its end: the words and the result, or throws the stream's error. */
export async function collectCaption(
  stream: RelayStream,
): Promise<{ result: RelayResult; words: RelayWord[] }> {
  const words: RelayWord[] = [];
  for await (const event of stream.events) {
    if (event.type === 'word') words.push(event);
    else if (event.type === 'result') return { result: event, words };
    else throw new ApiError(event.code, event.message, event.retryAfterSeconds);
  }
  throw new ApiError('backend_error', 'the caption stream ended without a result');
}
