import { type RetryPolicy, withRetries } from './backoff.ts';
import type { CaptionResult, CaptionStreamEvent } from './caption-result.ts';
import { type Connection, fetchCaption, openSseCaption } from './http-transport.ts';
import {
  type CaptionImage,
  type CaptionOptions,
  checkImage,
  checkOptions,
  isUrlImage,
} from './image-input.ts';
import { openWsCaption, type WebSocketConstructor } from './ws-transport.ts';

export interface CaptionClientOptions extends CaptionOptions, RetryPolicy {
  /** The edge's base URL. */
  endpoint: string;
  /** A secret key (servers, CLIs) or a publishable key (browsers, from one of its origins). */
  key: string;
  /** Cancels the caption: waiting, uploading or streaming. The call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** `streamCaption` only: server-sent events over fetch (default), or a WebSocket. */
  transport?: 'sse' | 'websocket';
  /** A WebSocket class where the runtime has none (Node 20: the `ws` package's). */
  WebSocket?: WebSocketConstructor;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

function connectionOf(options: CaptionClientOptions): Connection {
  if (typeof options.endpoint !== 'string' || !/^https?:\/\//i.test(options.endpoint)) {
    throw new TypeError('endpoint must be the http(s) URL of the captioning service');
  }
  if (typeof options.key !== 'string' || options.key === '') throw new TypeError('key must be an API key');
  checkOptions(options);
  return {
    endpoint: options.endpoint,
    key: options.key,
    // Bound: some runtimes refuse a fetch called with another `this`.
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    signal: options.signal,
  };
}

/**
 * Captions one image and returns the JSON answer. Retries `rate_limited` and `backend_unavailable` with backoff,
 * waiting as long as `Retry-After` says; every other failure rejects with a `CaptionApiError`.
 */
export async function captionImage(
  image: CaptionImage,
  options: CaptionClientOptions,
): Promise<CaptionResult> {
  checkImage(image);
  const connection = connectionOf(options);
  return withRetries(() => fetchCaption(connection, image, options), options, options.signal);
}

/**
 * Captions one image word by word: yields each word as soon as it is final, then one `done` event with the whole
 * answer. Refusals before the first word are retried as in `captionImage`; a failure after words have streamed
 * rejects the iteration (nothing is retried once something was yielded). Breaking out of the loop cancels the
 * caption upstream.
 */
export async function* streamCaption(
  image: CaptionImage,
  options: CaptionClientOptions,
): AsyncGenerator<CaptionStreamEvent, void, undefined> {
  checkImage(image);
  const connection = connectionOf(options);
  const transport = options.transport ?? 'sse';
  let open: () => Promise<AsyncGenerator<CaptionStreamEvent>>;
  if (transport === 'websocket') {
    if (isUrlImage(image)) {
      throw new TypeError(
        'the websocket transport sends image bytes; caption a { url } with the sse transport',
      );
    }
    const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (Socket === undefined) {
      throw new TypeError(
        'this runtime has no global WebSocket; pass one as options.WebSocket (e.g. the ws package)',
      );
    }
    open = () => openWsCaption(connection, image, options, Socket);
  } else if (transport === 'sse') {
    open = () => openSseCaption(connection, image, options);
  } else {
    throw new TypeError(`transport must be "sse" or "websocket", not ${String(transport)}`);
  }
  yield* await withRetries(open, options, options.signal);
}
