import {
  AUTH_HEADER,
  type AuthKey,
  type EdgeMessage,
  type Hello,
  MAX_REQUEST_ID_LENGTH,
  PROTOCOL_VERSION,
  parseWorkerMessage,
  pixelFrameSize,
  signAuthToken,
  type WorkerMessage,
} from '@captioner/shared/protocol/index.ts';

export type UpstreamMessage = Exclude<WorkerMessage, Hello>;

export interface UpstreamHandlers {
  onMessage(message: UpstreamMessage): void;
  /** Once, when the socket is gone for any reason (close frame, drop, error). */
  onClose(reason: string): void;
}

export class UpstreamConnectError extends Error {}

/**
 * One authenticated, multiplexed WebSocket to a GPU worker (docs/protocol.md). Workers cannot dial `ws://`
 * URLs with `fetch`, so the upgrade goes over `http(s)://` with an `Upgrade` header.
 */
export class UpstreamConnection {
  #closed = false;
  #handlers: UpstreamHandlers | undefined;
  /** When the worker last sent a message (Date.now()); Workers cannot see its pings, only its messages. */
  lastMessageAt = Date.now();

  private constructor(
    readonly url: string,
    readonly hello: Hello,
    readonly socket: WebSocket,
  ) {}

  get isOpen(): boolean {
    return !this.#closed;
  }

  static async connect(
    baseUrl: string,
    key: AuthKey,
    handlers: UpstreamHandlers,
    timeoutMs: number,
  ): Promise<UpstreamConnection> {
    const url = new URL('/ws', baseUrl).toString();
    // Not AbortSignal.timeout: the signal stays bound to the WebSocket the fetch returns, and would close it.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new UpstreamConnectError(`no upgrade within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Upgrade: 'websocket', [AUTH_HEADER]: await signAuthToken(key) },
        signal: abort.signal,
      });
    } finally {
      clearTimeout(timer);
    }
    const socket = response.webSocket;
    if (socket === null) {
      const body = (await response.text()).slice(0, 300);
      throw new UpstreamConnectError(`upgrade refused with ${response.status}: ${body}`);
    }
    socket.accept();
    const hello = await waitForHello(socket, timeoutMs);
    const connection = new UpstreamConnection(url, hello, socket);
    connection.#listen(handlers);
    return connection;
  }

  #listen(handlers: UpstreamHandlers): void {
    this.#handlers = handlers;
    const closed = (reason: string) => {
      if (this.#closed) return;
      this.#closed = true;
      handlers.onClose(reason);
    };
    this.socket.addEventListener('message', (event) => {
      this.lastMessageAt = Date.now();
      if (typeof event.data !== 'string') return; // the worker sends no binary frames
      const parsed = parseWorkerMessage(event.data);
      if (!parsed.ok) {
        console.warn(`upstream ${this.url}: ${parsed.message}`);
        return;
      }
      if (parsed.message.type !== 'hello') handlers.onMessage(parsed.message);
    });
    this.socket.addEventListener('close', (event) =>
      closed(`closed with ${event.code} ${event.reason}`.trim()),
    );
    this.socket.addEventListener('error', () => closed('socket error'));
  }

  send(message: EdgeMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  sendFrame(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  /**
   * Gives up on a worker that stopped answering (a frozen process, a half-open TCP connection): the close
   * handshake would wait on the same silent peer, so the connection counts as lost now, as on a drop.
   */
  abandon(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.socket.close(4000, 'worker not answering');
    } catch {
      // Already closing.
    }
    this.#handlers?.onClose(reason);
  }

  close(code = 1000, reason = 'edge closing'): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closing: nothing left to release.
    }
  }
}

/** Largest model input the edge will resize uploads to: 48 MiB as RGB, already most of a Worker's 128 MB. */
const MAX_MODEL_INPUT_PIXELS = 4096 * 4096;

/**
 * Why a hello cannot be served, if it cannot: every upload is resized to the announced input size before the frame
 * limit is checked, so a size whose frames the worker itself refuses (or an implausibly large one) would cost each
 * request a giant allocation and then fail.
 */
function unusableHello(hello: Hello): string | undefined {
  const { inputWidth: w, inputHeight: h } = hello.model;
  const frame = pixelFrameSize('x'.repeat(MAX_REQUEST_ID_LENGTH), w, h);
  if (frame > hello.limits.maxPixelFrameBytes) {
    return `the worker's model input ${w}x${h} needs ${frame}-byte pixel frames, over its own limit of ${hello.limits.maxPixelFrameBytes}`;
  }
  if (w * h > MAX_MODEL_INPUT_PIXELS)
    return `the worker's model input ${w}x${h} is over ${MAX_MODEL_INPUT_PIXELS} pixels`;
  return undefined;
}

function waitForHello(socket: WebSocket, timeoutMs: number): Promise<Hello> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      socket.removeEventListener('message', onMessage);
      socket.removeEventListener('close', onClose);
    };
    const fail = (message: string) => {
      settle();
      try {
        socket.close(1002, 'no hello');
      } catch {
        // The socket is already closed.
      }
      reject(new UpstreamConnectError(message));
    };
    const timer = setTimeout(() => fail(`no hello within ${timeoutMs} ms`), timeoutMs);
    const onMessage = (event: MessageEvent) => {
      const parsed = typeof event.data === 'string' ? parseWorkerMessage(event.data) : undefined;
      if (parsed?.ok !== true || parsed.message.type !== 'hello') {
        fail('the first message was not a hello');
        return;
      }
      if (parsed.message.protocol !== PROTOCOL_VERSION) {
        fail(`worker speaks protocol ${parsed.message.protocol}, the edge ${PROTOCOL_VERSION}`);
        return;
      }
      const unusable = unusableHello(parsed.message);
      if (unusable !== undefined) {
        fail(unusable);
        return;
      }
      settle();
      resolve(parsed.message);
    };
    const onClose = () => fail('closed before hello');
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
  });
}
