import { createParser, type EventSourceMessage } from 'eventsource-parser';
import * as z from 'zod/mini';
import { CaptionApiError, errorFromResponse, isApiErrorCode, networkError } from './caption-error.ts';
import {
  type CaptionResult,
  CaptionResultSchema,
  type CaptionStreamEvent,
  CaptionWordSchema,
  StreamErrorSchema,
} from './caption-result.ts';
import {
  apiOptionFields,
  type CaptionImage,
  type CaptionOptions,
  imageBytes,
  isUrlImage,
} from './image-input.ts';

/** Where and how a client reaches the edge. */
export interface Connection {
  /** The edge's base URL, e.g. `https://captions.example.com`. */
  endpoint: string;
  /** A secret key (servers, CLIs) or a publishable key (browsers, from its allowed origins). */
  key: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/** Parses a JSON payload with a schema; an answer that is not the API's is `invalid_response`. */
export function parsePayload<T>(schema: z.ZodMiniType<T>, text: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CaptionApiError('invalid_response', `the ${what} is not JSON`);
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) {
    throw new CaptionApiError('invalid_response', `the ${what} does not have the API's shape`);
  }
  return parsed.data;
}

/** `POST /v1/captions` with the image as raw bytes (options in the query) or as `{url}` JSON. */
async function postCaption(
  connection: Connection,
  image: CaptionImage,
  options: CaptionOptions,
  stream: boolean,
): Promise<Response> {
  const url = new URL('/v1/captions', connection.endpoint);
  const headers: Record<string, string> = { authorization: `Bearer ${connection.key}` };
  if (stream) headers.accept = 'text/event-stream';
  let body: Blob | ArrayBuffer | string;
  if (isUrlImage(image)) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ url: image.url, ...apiOptionFields(options) });
  } else {
    for (const [name, value] of Object.entries(apiOptionFields(options))) {
      url.searchParams.set(name, String(value));
    }
    headers['content-type'] =
      image instanceof Blob && image.type.startsWith('image/') ? image.type : 'application/octet-stream';
    body = image instanceof Blob ? image : await imageBytes(image);
  }
  let response: Response;
  try {
    response = await connection.fetch(url, { method: 'POST', headers, body, signal: connection.signal });
  } catch (error) {
    throw networkError(error, connection.signal);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/** One caption as JSON. */
export async function fetchCaption(
  connection: Connection,
  image: CaptionImage,
  options: CaptionOptions,
): Promise<CaptionResult> {
  const response = await postCaption(connection, image, options, false);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(error, connection.signal);
  }
  return parsePayload(CaptionResultSchema, text, 'caption answer');
}

/**
 * Opens an SSE caption. Resolves once the edge has answered: it starts the stream only after the first word, so
 * every refusal (rate limit, no GPU worker) arrives here as an HTTP error and can be retried before anything was
 * yielded.
 */
export async function openSseCaption(
  connection: Connection,
  image: CaptionImage,
  options: CaptionOptions,
): Promise<AsyncGenerator<CaptionStreamEvent>> {
  const response = await postCaption(connection, image, options, true);
  if (response.body === null) throw new CaptionApiError('invalid_response', 'the event stream has no body');
  return readCaptionEvents(response.body, connection.signal);
}

async function* readCaptionEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<CaptionStreamEvent> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        throw networkError(error, signal);
      });
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      while (pending.length > 0) {
        const event = pending.shift();
        if (event === undefined) break;
        const translated = translateEvent(event);
        if (translated === undefined) continue;
        // Events already buffered when the signal fired are not delivered: cancelling means no more events.
        signal?.throwIfAborted();
        yield translated;
        if (translated.type === 'done') return;
      }
    }
    throw new CaptionApiError(
      'backend_error',
      'the caption stream ended without a result; send the request again',
    );
  } finally {
    // Leaving early (break, abort, error) closes the connection, which cancels the caption upstream.
    await reader.cancel().catch(() => {});
  }
}

function translateEvent(event: EventSourceMessage): CaptionStreamEvent | undefined {
  if (event.event === 'word') {
    const word = parsePayload(CaptionWordSchema, event.data, 'word event');
    return { type: 'word', ...word };
  }
  if (event.event === 'done') {
    return { type: 'done', result: parsePayload(CaptionResultSchema, event.data, 'done event') };
  }
  if (event.event === 'error') {
    const error = parsePayload(StreamErrorSchema, event.data, 'error event');
    throw streamError(error);
  }
  return undefined; // Comments and unknown events: room for the API to grow.
}

export function streamError(error: z.infer<typeof StreamErrorSchema>): CaptionApiError {
  const code = isApiErrorCode(error.code) ? error.code : 'invalid_response';
  return new CaptionApiError(code, error.message, undefined, error.retry_after);
}
