// A TCP proxy between the edge and a real GPU worker that reads the WebSocket frames passing through it, so a test
// can see what the edge sent (captions, pixel frames, cancels) and hold or cut traffic at an exact protocol point,
// e.g. "after the first word", which a test cannot hit by timing against a fast model.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Frame {
  opcode: number;
  /** Text frames, decoded. */
  text?: string;
  bytes: number;
}

/** Splits WebSocket frames off the front of a buffer (after the HTTP upgrade), unmasking client frames. */
function takeFrame(buffer: Buffer): { frame: Frame; raw: Buffer; rest: Buffer } | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let at = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    at = 10;
  }
  const maskAt = at;
  if (masked) at += 4;
  if (buffer.length < at + length) return undefined;
  const payload = Buffer.from(buffer.subarray(at, at + length));
  if (masked)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (buffer[maskAt + (i % 4)] ?? 0);
  const frame: Frame = { opcode, bytes: length, ...(opcode === 1 ? { text: payload.toString('utf8') } : {}) };
  return { frame, raw: buffer.subarray(0, at + length), rest: buffer.subarray(at + length) };
}

type Direction = 'toWorker' | 'toEdge';

/** One direction of a proxied connection: frames queue up and go out, in order, while `allow` says so. */
class Pipe {
  #buffer: Buffer = Buffer.alloc(0);
  #upgraded = false;
  readonly #queue: { frame: Frame; raw: Buffer }[] = [];

  constructor(
    readonly direction: Direction,
    readonly to: Socket,
    readonly onFrame: (frame: Frame) => void,
    readonly allow: (frame: Frame) => boolean,
  ) {}

  push(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (!this.#upgraded) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.to.write(this.#buffer.subarray(0, end + 4));
      this.#buffer = this.#buffer.subarray(end + 4);
      this.#upgraded = true;
    }
    for (let next = takeFrame(this.#buffer); next !== undefined; next = takeFrame(this.#buffer)) {
      this.#buffer = next.rest;
      this.onFrame(next.frame);
      this.#queue.push({ frame: next.frame, raw: Buffer.from(next.raw) });
    }
    this.pump();
  }

  pump(): void {
    while (this.#queue.length > 0 && !this.to.destroyed) {
      const head = this.#queue[0];
      if (head === undefined || !this.allow(head.frame)) return;
      this.#queue.shift();
      this.to.write(head.raw);
    }
  }
}

export class FaultProxy {
  /** Every frame that reached the proxy, in arrival order, whether forwarded yet or not. */
  readonly frames: { direction: Direction; frame: Frame }[] = [];
  /**
   * Whether the frame at the head of a direction's queue may go out now; false holds it and every frame behind
   * it until a later `pump()` finds it allowed. Called once per frame forwarded (so it may count).
   */
  allow: (direction: Direction, frame: Frame) => boolean = () => true;
  readonly #pipes: Pipe[] = [];
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const { hostname, port } = new URL(target);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy not on TCP');
    const proxy = new FaultProxy(server, `http://127.0.0.1:${address.port}`);
    server.on('connection', (edge) => proxy.#connect(edge, hostname, Number(port)));
    return proxy;
  }

  #connect(edge: Socket, host: string, port: number): void {
    const worker = connect(port, host);
    for (const socket of [edge, worker]) {
      this.#sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.#sockets.delete(socket);
        edge.destroy();
        worker.destroy();
      });
    }
    const pipe = (direction: Direction, to: Socket) =>
      new Pipe(
        direction,
        to,
        (frame) => this.frames.push({ direction, frame }),
        (frame) => this.allow(direction, frame),
      );
    const toWorker = pipe('toWorker', worker);
    const toEdge = pipe('toEdge', edge);
    this.#pipes.push(toWorker, toEdge);
    edge.on('data', (chunk: Buffer) => toWorker.push(chunk));
    worker.on('data', (chunk: Buffer) => toEdge.push(chunk));
  }

  /** Text messages seen in one direction, parsed. */
  messages(direction: Direction): { type?: string; id?: string }[] {
    return this.frames
      .filter((f) => f.direction === direction && f.frame.text !== undefined)
      .map((f) => JSON.parse(f.frame.text ?? '{}'));
  }

  /** Sends whatever `allow` now lets through. */
  pump(): void {
    for (const pipe of this.#pipes) pipe.pump();
  }

  /** Lets everything through again. */
  release(): void {
    this.allow = () => true;
    this.pump();
  }

  /** Drops every connection at once, as a dead host would. */
  cut(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
