import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors/api-error.ts';
import type { RelayStream } from '../relay/relay-client.ts';
import type { RelayEvent, RelayWord } from '../relay/relay-events.ts';
import { type PreparedCaption, prepareCaption, startCaption } from './caption-job.ts';
import { collectCaption, toCaptionResponse } from './caption-result.ts';
import { parseCaptionOptions } from './options.ts';
import { readCaptionBody } from './read-body.ts';

function wantsEventStream(accept: string | undefined, streamOption: boolean): boolean {
  return streamOption || (accept ?? '').toLowerCase().includes('text/event-stream');
}

/**
 * `POST /v1/captions`. JSON by default; server-sent events (`word`…, then `done` or `error`) with
 * `Accept: text/event-stream` or `stream=true`. The SSE answer starts only after the first event, so a request
 * refused before any word (bad options, no GPU worker) still gets its HTTP status and JSON error.
 */
export const captionsRoute = new Hono<AppEnv>().post('/', async (c) => {
  const startedAt = Date.now();
  const config = readEdgeConfig(c.env);
  const body = await readCaptionBody(c.req.raw, config.maxImageBytes);
  const options = parseCaptionOptions(c.req.query(), body.fields);
  const prepared = await prepareCaption(c.env, body.image, options);
  const stream = await startCaption(c.env, prepared, c.get('apiKey'));
  // A client that disconnects cancels its caption on the GPU worker (needs the `enable_request_signal` flag).
  c.req.raw.signal.addEventListener('abort', () => void stream.cancel(), { once: true });

  if (!wantsEventStream(c.req.header('accept'), options.stream)) {
    const { result, words } = await collectCaption(stream);
    return c.json(toCaptionResponse(prepared, result, words, startedAt));
  }

  const first = await stream.events.next();
  if (first.done === true) throw new ApiError('backend_error', 'the caption stream ended without a result');
  if (first.value.type === 'error') {
    throw new ApiError(first.value.code, first.value.message, first.value.retryAfterSeconds);
  }
  const firstEvent = first.value;
  return streamSSE(c, async (sse) => {
    sse.onAbort(() => {
      void stream.cancel();
    });
    await writeEvents(sse, prepared, stream, firstEvent, startedAt);
  });
});

type SseWriter = { writeSSE(message: { event: string; data: string }): Promise<void> };

async function writeEvents(
  sse: SseWriter,
  prepared: PreparedCaption,
  stream: RelayStream,
  first: RelayEvent,
  startedAt: number,
): Promise<void> {
  const words: RelayWord[] = [];
  let ended = false;
  const write = async (event: RelayEvent) => {
    if (event.type === 'word') {
      words.push(event);
      const data = prepared.options.attention
        ? { index: event.index, text: event.text, attention: event.attention ?? [] }
        : { index: event.index, text: event.text };
      await sse.writeSSE({ event: 'word', data: JSON.stringify(data) });
    } else if (event.type === 'result') {
      ended = true;
      const done = toCaptionResponse(prepared, event, words, startedAt);
      await sse.writeSSE({ event: 'done', data: JSON.stringify(done) });
    } else {
      ended = true;
      await sse.writeSSE({
        event: 'error',
        data: JSON.stringify({ code: event.code, message: event.message }),
      });
    }
  };
  try {
    await write(first);
    if (first.type === 'word') for await (const event of stream.events) await write(event);
  } catch (error) {
    if (!ended) {
      ended = true;
      console.error('caption stream failed', error instanceof Error ? error.message : String(error));
      await sse
        .writeSSE({
          event: 'error',
          data: JSON.stringify({
            code: 'backend_error',
            message: 'the caption stream failed; send the request again',
          }),
        })
        .catch(() => {});
    }
  } finally {
    await stream.cancel();
  }
}
