import type { RgbImage } from '@captioner/shared';
import {
  AUTH_HEADER,
  type CaptionOptionsMessage,
  encodePixelFrame,
  type Hello,
  importAuthSecret,
  parseWorkerMessage,
  signAuthToken,
  type WorkerMessage,
} from '@captioner/shared/protocol/index.ts';
import pino from 'pino';
import { WebSocket } from 'ws';
import type { CaptionEngine } from '../../src/engine/types.ts';
import { type CaptionServer, createCaptionServer } from '../../src/server/caption-server.ts';
import type { ServerTunables } from '../../src/server/server-options.ts';

export const SECRET = 'test-secret-0123456789abcdef-0123456789';

export interface TestServer {
  server: CaptionServer;
  url: string;
  httpUrl: string;
}

export async function startServer(
  engine: CaptionEngine,
  tunables: ServerTunables = {},
  logger = pino({ level: 'silent' }),
): Promise<TestServer> {
  const server = await createCaptionServer({
    engine,
    secret: SECRET,
    logger,
    shutdownGraceMs: 200,
    ...tunables,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, url: `ws://127.0.0.1:${port}/ws`, httpUrl: `http://127.0.0.1:${port}` };
}

export async function signedToken(secret = SECRET, now?: number): Promise<string> {
  return signAuthToken(await importAuthSecret(secret), { now });
}

export function isFinal(message: WorkerMessage, id: string): boolean {
  return (message.type === 'result' || message.type === 'error') && message.id === id;
}

/** A real ws client that validates everything the worker sends against the protocol schemas. */
export class TestClient {
  readonly messages: WorkerMessage[] = [];
  /** Text frames from the worker that broke the protocol; every test expects none. */
  readonly violations: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: { predicate: (m: WorkerMessage) => boolean; resolve: (m: WorkerMessage) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const parsed = parseWorkerMessage(isBinary ? '(binary)' : String(data));
      if (!parsed.ok) {
        this.violations.push(parsed.message);
        return;
      }
      this.messages.push(parsed.message);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.predicate(parsed.message)) return true;
        w.resolve(parsed.message);
        return false;
      });
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  static async connect(
    url: string,
    options: { token?: string; autoPong?: boolean } = {},
  ): Promise<TestClient> {
    const token = options.token ?? (await signedToken());
    const socket = new WebSocket(url, {
      headers: { [AUTH_HEADER]: token },
      autoPong: options.autoPong ?? true,
    });
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  hello(): Promise<Hello> {
    return this.next((m) => m.type === 'hello').then((m) => {
      if (m.type !== 'hello') throw new Error('unreachable');
      return m;
    });
  }

  /** The first message (already received or still to come) that matches. */
  next(predicate: (m: WorkerMessage) => boolean, timeoutMs = 5_000): Promise<WorkerMessage> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  final(id: string, timeoutMs?: number): Promise<WorkerMessage> {
    return this.next((m) => isFinal(m, id), timeoutMs);
  }

  /** Every message for a request id, in arrival order. */
  eventsFor(id: string): WorkerMessage[] {
    return this.messages.filter((m) => m.type !== 'hello' && m.id === id);
  }

  sendJson(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  sendFrame(frame: Uint8Array): void {
    this.socket.send(frame, { binary: true });
  }

  /** A `caption` message followed by its pixel frame. */
  caption(
    id: string,
    image: RgbImage,
    options?: CaptionOptionsMessage,
    extra: Record<string, unknown> = {},
  ): void {
    this.sendJson({ type: 'caption', id, width: image.width, height: image.height, options, ...extra });
    this.sendFrame(encodePixelFrame(id, image.data));
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }
}

/** A w × h image whose every byte is `value`. */
export function flatImage(value: number, width = 4, height = 4): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3).fill(value) };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
