// Caption clients of the public API as a caller writes them: SSE over `POST /v1/captions` and many requests on one
// `GET /v1/captions/ws` socket. Each request's events are recorded with their arrival times, and anything a
// correct server never sends (a second final event, a word after the end, an event for an unknown id) is kept as
// a protocol violation, so load runs and fault tests check the same things.
import { WebSocket } from 'ws';

export interface WordEvent {
  index: number;
  text: string;
}

export type FinalEvent =
  | { type: 'done'; id: string; caption: string; body: Record<string, unknown> }
  | { type: 'error'; code: string; message: string; retryAfter?: number };

/** One request from start to end, as the client saw it. */
export interface CaptionOutcome {
  transport: 'sse' | 'ws';
  /** The HTTP status (SSE); 101 for a request on a WebSocket. */
  status: number;
  /** `Retry-After` of a refused HTTP request, or `retry_after` of a WebSocket error, in seconds. */
  retryAfter?: number;
  words: WordEvent[];
  /** Every final event received, in order: exactly one in a correct answer. */
  finals: FinalEvent[];
  /** Things a correct server never sends for this request. */
  violations: string[];
  /** The HTTP connection failed (reset, closed) before any answer. */
  connectionFailed?: boolean;
  startedAt: number;
  firstWordAt?: number;
  endedAt: number;
}

export interface CaptionCall {
  edgeUrl: string;
  key: string;
  image: Uint8Array;
  contentType: string;
  /** Query string options, e.g. `beams=3`. */
  query?: string;
  signal?: AbortSignal;
}

function sseBlocks(buffer: string): { blocks: string[]; rest: string } {
  const parts = buffer.split('\n\n');
  return { blocks: parts.slice(0, -1), rest: parts.at(-1) ?? '' };
}

function parseBlock(block: string): { event: string; data: unknown } {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return { event, data: JSON.parse(data.join('\n')) as unknown };
}

function finalFromError(data: unknown, retryAfter?: number): FinalEvent {
  const d = (data ?? {}) as {
    code?: unknown;
    message?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  const source = d.error ?? d;
  return {
    type: 'error',
    code: String(source.code),
    message: String(source.message),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}

/** Records a word, checking it comes before any final event and in index order. */
function takeWord(outcome: CaptionOutcome, word: WordEvent, now: number): void {
  if (outcome.finals.length > 0) outcome.violations.push(`word ${word.index} after the final event`);
  if (word.index !== outcome.words.length)
    outcome.violations.push(`word index ${word.index}, expected ${outcome.words.length}`);
  outcome.firstWordAt ??= now;
  outcome.words.push(word);
}

function takeFinal(outcome: CaptionOutcome, final: FinalEvent): void {
  if (outcome.finals.length > 0) outcome.violations.push(`a second final event (${final.type})`);
  outcome.finals.push(final);
}

/** `POST /v1/captions` with `Accept: text/event-stream`, read incrementally so the first word's time is real. */
export async function captionSse(call: CaptionCall): Promise<CaptionOutcome> {
  const outcome: CaptionOutcome = {
    transport: 'sse',
    status: 0,
    words: [],
    finals: [],
    violations: [],
    startedAt: performance.now(),
    endedAt: 0,
  };
  const response = await fetch(`${call.edgeUrl}/v1/captions${call.query ? `?${call.query}` : ''}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${call.key}`,
      'content-type': call.contentType,
      accept: 'text/event-stream',
    },
    body: call.image,
    signal: call.signal,
  });
  outcome.status = response.status;
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter !== null) outcome.retryAfter = Number(retryAfter);
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    // Refused before any word: an ordinary HTTP error with a JSON body is the request's one final event.
    takeFinal(outcome, finalFromError(await response.json().catch(() => ({})), outcome.retryAfter));
    outcome.endedAt = performance.now();
    return outcome;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body ?? []) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    const { blocks, rest } = sseBlocks(buffer);
    buffer = rest;
    const now = performance.now();
    for (const block of blocks) {
      if (block.trim() === '') continue;
      const { event, data } = parseBlock(block);
      if (event === 'word') takeWord(outcome, data as WordEvent, now);
      else if (event === 'done') {
        const body = data as { id: string; caption: string };
        takeFinal(outcome, { type: 'done', id: body.id, caption: body.caption, body: data as never });
      } else if (event === 'error') takeFinal(outcome, finalFromError(data));
      else outcome.violations.push(`unknown event '${event}'`);
    }
  }
  if (buffer.trim() !== '') outcome.violations.push('the stream ended inside an event');
  outcome.endedAt = performance.now();
  return outcome;
}

type ServerMessage = {
  type?: string;
  id?: string;
  request_id?: string;
  index?: number;
  text?: string;
  code?: string;
  message?: string;
  caption?: string;
  retry_after?: number;
};

/**
 * One client WebSocket carrying many requests at once, as `docs/api.md` describes. Every message is matched to
 * its request by id; messages for ids that are not in flight on this socket are recorded in `strays`.
 */
export class CaptionSocket {
  readonly #pending = new Map<string, { outcome: CaptionOutcome; resolve: (o: CaptionOutcome) => void }>();
  /** Ids of requests that ended, so a late event for one is told apart from one for an id never sent. */
  readonly #ended = new Map<string, CaptionOutcome>();
  /** Messages naming no request in flight here: another socket's traffic, or events after a request's end. */
  readonly strays: ServerMessage[] = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.#onMessage(JSON.parse(String(data)) as ServerMessage));
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
    void this.closed.then(() => {
      for (const [id, { outcome, resolve }] of this.#pending) {
        outcome.violations.push('the socket closed before the final event');
        outcome.endedAt = performance.now();
        this.#pending.delete(id);
        resolve(outcome);
      }
    });
  }

  /** `perMessageDeflate: false` keeps frames readable to a proxy in between. */
  static open(
    edgeUrl: string,
    key: string,
    options: { perMessageDeflate?: boolean } = {},
  ): Promise<CaptionSocket> {
    const socket = new WebSocket(`${edgeUrl.replace(/^http/, 'ws')}/v1/captions/ws`, {
      headers: { authorization: `Bearer ${key}` },
      perMessageDeflate: options.perMessageDeflate ?? true,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new CaptionSocket(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`WebSocket upgrade answered ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  /** Sends a caption and its image; resolves at its final event (or when the socket closes). */
  caption(id: string, image: Uint8Array, options: Record<string, unknown> = {}): Promise<CaptionOutcome> {
    const outcome: CaptionOutcome = {
      transport: 'ws',
      status: 101,
      words: [],
      finals: [],
      violations: [],
      startedAt: performance.now(),
      endedAt: 0,
    };
    const ended = new Promise<CaptionOutcome>((resolve) => this.#pending.set(id, { outcome, resolve }));
    this.#ended.delete(id);
    this.socket.send(JSON.stringify({ type: 'caption', id, ...options }));
    this.socket.send(image);
    return ended;
  }

  cancel(id: string): void {
    this.socket.send(JSON.stringify({ type: 'cancel', id }));
  }

  #onMessage(message: ServerMessage): void {
    const id = message.type === 'done' ? message.request_id : message.id;
    const entry = id === undefined ? undefined : this.#pending.get(id);
    if (id === undefined || entry === undefined) {
      const late = id === undefined ? undefined : this.#ended.get(id);
      if (late !== undefined) late.violations.push(`a ${message.type} event after the final event`);
      else this.strays.push(message);
      return;
    }
    const { outcome, resolve } = entry;
    const now = performance.now();
    if (message.type === 'word') {
      takeWord(outcome, { index: message.index ?? -1, text: message.text ?? '' }, now);
      return;
    }
    if (message.type === 'done') {
      const body = message as unknown as { id: string; caption: string };
      takeFinal(outcome, { type: 'done', id: body.id, caption: body.caption, body: message as never });
    } else if (message.type === 'error') {
      if (message.retry_after !== undefined) outcome.retryAfter = message.retry_after;
      takeFinal(
        outcome,
        finalFromError({ code: message.code, message: message.message }, message.retry_after),
      );
    } else {
      outcome.violations.push(`unknown message type '${message.type}'`);
      return;
    }
    outcome.endedAt = now;
    this.#pending.delete(id);
    this.#ended.set(id, outcome);
    resolve(outcome);
  }

  /** Closes with a close frame. */
  async close(): Promise<void> {
    this.socket.close(1000);
    await this.closed;
  }

  /** Drops the TCP connection without a close frame, as a crashed client or a lost network would. */
  vanish(): void {
    this.socket.terminate();
  }
}

/** The request's one final event, or undefined when it had none or several (see `violations`). */
export function finalOf(outcome: CaptionOutcome): FinalEvent | undefined {
  return outcome.finals.length === 1 ? outcome.finals[0] : undefined;
}
