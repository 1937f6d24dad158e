import * as z from 'zod/mini';
import { CaptionApiError, errorFromResponse, networkError } from './caption-error.ts';
import {
  CaptionResultSchema,
  type CaptionStreamEvent,
  StreamErrorSchema,
  TokenSchema,
} from './caption-result.ts';
import type { Connection } from './http-transport.ts';
import { parsePayload, streamError } from './http-transport.ts';
import { apiOptionFields, type CaptionOptions, imageBytes } from './image-input.ts';

/**
 * The part of the WebSocket interface this client uses: browsers' and Workers' global `WebSocket` and the `ws`
 * package's both have it (Node 20 has no global one; pass `ws`'s class).
 */
export interface CaptionSocket {
  binaryType: string;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => CaptionSocket;

const SUBPROTOCOL = 'captions.v1';
const REQUEST_ID = 'caption-1';

const ServerMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('word'),
    index: z.number(),
    text: z.string(),
    attention: z.optional(z.array(z.number())),
  }),
  z.looseObject({ type: z.literal('done') }),
  z.looseObject({ type: z.literal('error'), ...StreamErrorSchema.shape }),
]);

/** `POST /v1/tokens`: browsers cannot put a key in a WebSocket's headers, so every runtime connects with a token. */
async function mintToken(connection: Connection): Promise<string> {
  let response: Response;
  try {
    response = await connection.fetch(new URL('/v1/tokens', connection.endpoint), {
      method: 'POST',
      headers: { authorization: `Bearer ${connection.key}` },
      signal: connection.signal,
    });
  } catch (error) {
    throw networkError(error, connection.signal);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return parsePayload(TokenSchema, await response.text(), 'token answer').token;
}

function socketUrl(endpoint: string): string {
  const url = new URL('/v1/captions/ws', endpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

type Pending = { resolve: (event: CaptionStreamEvent) => void; reject: (error: unknown) => void };

/**
 * One caption over its own socket. Like the SSE transport it resolves only once the first word (or an error) has
 * arrived, so a refusal before any word can be retried; after that, events are read with `events()`.
 */
export async function openWsCaption(
  connection: Connection,
  image: Blob | ArrayBuffer | ArrayBufferView,
  options: CaptionOptions,
  Socket: WebSocketConstructor,
): Promise<AsyncGenerator<CaptionStreamEvent>> {
  const [token, bytes] = await Promise.all([mintToken(connection), imageBytes(image)]);
  const { signal } = connection;
  signal?.throwIfAborted();
  const socket = new Socket(socketUrl(connection.endpoint), [SUBPROTOCOL, `token.${token}`]);
  socket.binaryType = 'arraybuffer';
  const queue: CaptionStreamEvent[] = [];
  let failure: unknown;
  let finished = false;
  let waiting: Pending | undefined;

  const settle = () => {
    if (waiting === undefined) return;
    const next = queue.shift();
    if (next !== undefined) {
      waiting.resolve(next);
      waiting = undefined;
    } else if (failure !== undefined) {
      waiting.reject(failure);
      waiting = undefined;
    }
  };
  const fail = (error: unknown) => {
    if (finished) return;
    finished = true;
    failure = error;
    socket.close(1000, 'done');
    settle();
  };
  const onAbort = () => {
    if (!finished) {
      try {
        socket.send(JSON.stringify({ type: 'cancel', id: REQUEST_ID }));
      } catch {
        // Not open yet, or already closing: closing the socket cancels upstream too.
      }
    }
    fail(signal?.reason);
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ type: 'caption', id: REQUEST_ID, ...apiOptionFields(options) }));
    socket.send(bytes);
  });
  socket.addEventListener('message', (event: { data: unknown }) => {
    if (finished) return;
    try {
      if (typeof event.data !== 'string')
        throw new CaptionApiError('invalid_response', 'unexpected binary frame');
      const message = parsePayload(ServerMessageSchema, event.data, 'socket message');
      if (message.type === 'word') {
        queue.push({
          type: 'word',
          index: message.index,
          text: message.text,
          ...(message.attention ? { attention: message.attention } : {}),
        });
      } else if (message.type === 'done') {
        const { type: _type, request_id: _id, ...result } = message;
        queue.push({
          type: 'done',
          result: parsePayload(CaptionResultSchema, JSON.stringify(result), 'done message'),
        });
        finished = true;
        socket.close(1000, 'done');
      } else {
        throw streamError(message);
      }
      settle();
    } catch (error) {
      fail(error);
    }
  });
  const onClosed = () => fail(networkError(new Error('the caption socket closed before the result'), signal));
  socket.addEventListener('close', onClosed);
  socket.addEventListener('error', onClosed);

  const next = () =>
    new Promise<CaptionStreamEvent>((resolve, reject) => {
      waiting = { resolve, reject };
      settle();
    });

  let first: CaptionStreamEvent;
  try {
    first = await next();
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    throw error;
  }
  return (async function* events() {
    try {
      let event = first;
      for (;;) {
        signal?.throwIfAborted();
        yield event;
        if (event.type === 'done') return;
        event = await next();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!finished) onAbort();
    }
  })();
}

// The global WebSocket must fit the interface (checked here, where the DOM types are in scope).
const _globalFits: WebSocketConstructor | undefined = undefined as typeof WebSocket | undefined;
