import { REQUEST_ID_PATTERN } from '@captioner/shared/protocol/index.ts';
import { z } from 'zod';
import type { ApiKey } from '../auth/keys.ts';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../errors/api-error.ts';
import { toApiError } from '../errors/on-error.ts';
import { takeRequest } from '../limits/rate-limit.ts';
import type { RelayStream } from '../relay/relay-client.ts';
import type { RelayWord } from '../relay/relay-events.ts';
import { newCaptionId, prepareCaption, startCaption } from './caption-job.ts';
import { toCaptionResponse } from './caption-result.ts';
import { CaptionOptionsSchema, parseCaptionOptions } from './options.ts';

/**
 * Client → edge messages on `GET /v1/captions/ws`. A `caption` names the request and its options; the next binary
 * frame is its image (the file's bytes, any supported format). `cancel` ends a request early.
 */
const requestId = z.string().regex(REQUEST_ID_PATTERN, 'must be 1..64 characters of A-Z a-z 0-9 . _ : -');
const ClientMessageSchema = z.discriminatedUnion('type', [
  CaptionOptionsSchema.omit({ stream: true })
    .partial()
    .extend({ type: z.literal('caption'), id: requestId }),
  z.strictObject({ type: z.literal('cancel'), id: requestId }),
]);

type Outgoing =
  | { type: 'word'; id: string; index: number; text: string; attention?: number[] }
  | ({ type: 'done' } & ReturnType<typeof toCaptionResponse> & { request_id: string })
  | { type: 'error'; id?: string; code: string; message: string; retry_after?: number };

/** Close codes the edge uses on client sockets. */
export const CLIENT_CLOSE = { normal: 1000, goingAway: 1001 } as const;

/**
 * One client WebSocket: many requests at once, each answered with `word` events tagged with its id, then exactly
 * one `done` or `error`. A closed socket cancels its requests upstream.
 */
export class CaptionSocketSession {
  #pendingCaption: { id: string; fields: Record<string, unknown> } | undefined;
  readonly #requests = new Map<string, { cancelled: boolean; stream?: RelayStream }>();
  #closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly env: Env,
    readonly key: ApiKey,
  ) {
    // The runtime's default for binary frames is Blob under current compatibility dates.
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event) => {
      const data: unknown = event.data;
      if (typeof data === 'string') this.#onText(data);
      else if (data instanceof ArrayBuffer) this.#onImage(Promise.resolve(new Uint8Array(data)));
      else if (data instanceof Blob)
        this.#onImage(data.arrayBuffer().then((buffer) => new Uint8Array(buffer)));
    });
    socket.addEventListener('close', () => this.#onClose());
    socket.addEventListener('error', () => this.#onClose());
  }

  #send(message: Outgoing): void {
    if (this.#closed) return;
    try {
      this.socket.send(JSON.stringify(message));
    } catch {
      this.#onClose();
    }
  }

  #onText(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#send({ type: 'error', code: 'invalid_request', message: 'text frames must be JSON messages' });
      return;
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      // An error with an id is that request's final event. Only a refused `caption` may carry its id, and only when
      // no request with that id is in flight: a malformed `cancel` (or a bad caption reusing a live id) must not look
      // like the end of a request that goes on streaming.
      const envelope =
        typeof json === 'object' && json !== null ? (json as { type?: unknown; id?: unknown }) : {};
      const id = envelope.type === 'caption' ? envelope.id : undefined;
      this.#send({
        type: 'error',
        ...(typeof id === 'string' && REQUEST_ID_PATTERN.test(id) && !this.#isLive(id) ? { id } : {}),
        code: 'invalid_request',
        message: `invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ')}`,
      });
      return;
    }
    const message = parsed.data;
    if (message.type === 'cancel') {
      const request = this.#requests.get(message.id);
      if (request === undefined || request.cancelled) return; // already ended: cancel races the final event
      request.cancelled = true;
      void request.stream?.cancel();
      this.#requests.delete(message.id);
      this.#send({ type: 'error', id: message.id, code: 'cancelled', message: 'cancelled by the client' });
      return;
    }
    const { type: _type, id, ...fields } = message;
    if (this.#isLive(id)) {
      // Without an id: the request in flight keeps its own single final event.
      this.#send({
        type: 'error',
        code: 'invalid_request',
        message: `request ${id} is already in flight; choose an id no request in flight uses`,
      });
      return;
    }
    if (this.#pendingCaption !== undefined) {
      const previous = this.#pendingCaption.id;
      this.#send({
        type: 'error',
        id: previous,
        code: 'invalid_request',
        message: 'no image frame followed this caption',
      });
    }
    this.#pendingCaption = { id, fields };
  }

  /** Whether `id` names a request that has not had its final event (in flight, or waiting for its image). */
  #isLive(id: string): boolean {
    return this.#requests.has(id) || this.#pendingCaption?.id === id;
  }

  /** Pairs the frame with the pending caption at once (frames are read later, but pairing follows arrival). */
  #onImage(bytes: Promise<Uint8Array>): void {
    const pending = this.#pendingCaption;
    this.#pendingCaption = undefined;
    if (pending === undefined) {
      this.#send({
        type: 'error',
        code: 'invalid_request',
        message: 'a binary frame must follow a caption message',
      });
      return;
    }
    const request: { cancelled: boolean; stream?: RelayStream } = { cancelled: false };
    this.#requests.set(pending.id, request);
    void this.#run(pending.id, pending.fields, bytes, request);
  }

  async #run(
    id: string,
    fields: Record<string, unknown>,
    image: Promise<Uint8Array>,
    request: { cancelled: boolean; stream?: RelayStream },
  ): Promise<void> {
    const startedAt = Date.now();
    try {
      const options = parseCaptionOptions({}, fields);
      const bytes = await image;
      const { maxImageBytes } = readEdgeConfig(this.env);
      if (bytes.byteLength > maxImageBytes) {
        throw new ApiError('payload_too_large', `the image is over the limit of ${maxImageBytes} bytes`);
      }
      await takeRequest(this.env, this.key);
      const prepared = await prepareCaption(this.env, { bytes }, options, newCaptionId());
      if (request.cancelled) return;
      const stream = await startCaption(this.env, prepared, this.key);
      request.stream = stream;
      if (request.cancelled) {
        await stream.cancel();
        return;
      }
      const words: RelayWord[] = [];
      for await (const event of stream.events) {
        if (request.cancelled) break;
        if (event.type === 'word') {
          words.push(event);
          this.#send({
            type: 'word',
            id,
            index: event.index,
            text: event.text,
            ...(options.attention ? { attention: event.attention ?? [] } : {}),
          });
        } else if (event.type === 'result') {
          this.#send({
            type: 'done',
            request_id: id,
            ...toCaptionResponse(prepared, event, words, startedAt),
          });
        } else {
          this.#send({
            type: 'error',
            id,
            code: event.code,
            message: event.message,
            ...(event.retryAfterSeconds === undefined ? {} : { retry_after: event.retryAfterSeconds }),
          });
        }
      }
    } catch (error) {
      if (!request.cancelled) {
        const apiError = toApiError(error);
        this.#send({
          type: 'error',
          id,
          code: apiError.code,
          message: apiError.message,
          ...(apiError.retryAfterSeconds === undefined ? {} : { retry_after: apiError.retryAfterSeconds }),
        });
      }
    } finally {
      if (this.#requests.get(id) === request) this.#requests.delete(id);
    }
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const request of this.#requests.values()) {
      request.cancelled = true;
      void request.stream?.cancel();
    }
    this.#requests.clear();
    try {
      this.socket.close(CLIENT_CLOSE.normal, 'closed');
    } catch {
      // Already closed.
    }
  }
}
