import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CLOSE_CODES, type Hello, PROTOCOL_VERSION } from '@captioner/shared/protocol/index.ts';
import { pino } from 'pino';
import type { Registry } from 'prom-client';
import { type WebSocket, WebSocketServer } from 'ws';
import type { CaptionEngine } from '../engine/types.ts';
import { CaptionConnection } from './connection.ts';
import { createHttpRoutes } from './http-routes.ts';
import { ServerMetrics } from './metrics.ts';
import { type CaptionServerOptions, type ResolvedTunables, resolveTunables } from './server-options.ts';
import { createUpgradeAuthenticator, refuseUpgrade } from './upgrade-auth.ts';

/** How long a peer gets to answer the shutdown close frame before its socket is destroyed. */
const CLOSE_HANDSHAKE_MS = 1_000;

export interface CaptionServer {
  readonly httpServer: Server;
  readonly metrics: Registry;
  /** Resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Graceful shutdown: stops accepting connections and requests, lets requests in flight finish within `graceMs`
   * (default `shutdownGraceMs`), fails the rest with `shutting_down`, closes sockets with 1001, closes the engine.
   */
  close(graceMs?: number): Promise<void>;
}

function helloFor(engine: CaptionEngine, t: ResolvedTunables): Hello {
  const m = engine.model;
  return {
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    model: {
      name: m.name,
      inputWidth: m.inputWidth,
      inputHeight: m.inputHeight,
      imageMean: m.imageMean,
      imageStd: m.imageStd,
      supportsAttention: m.supportsAttention,
    },
    limits: {
      maxBeams: m.maxBeams,
      maxWords: m.maxWords,
      maxPixelFrameBytes: t.maxPixelFrameBytes,
      maxConcurrentRequests: t.maxConcurrentRequests,
      defaultTimeoutMs: t.defaultTimeoutMs,
      maxTimeoutMs: t.maxTimeoutMs,
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The worker's HTTP + WebSocket server over one engine. Throws at once on bad options or a short secret. */
export async function createCaptionServer(options: CaptionServerOptions): Promise<CaptionServer> {
  const { engine, secret, logger = pino({ level: 'silent' }), ...rest } = options;
  const tunables = resolveTunables(rest);
  const authenticate = await createUpgradeAuthenticator(secret);
  const hello = helloFor(engine, tunables);
  const connections = new Set<CaptionConnection>();
  const sendBufferBytes = () => [...connections].reduce((n, c) => n + c.bufferedAmount, 0);
  const metrics = new ServerMetrics(engine, sendBufferBytes);
  let nextConnectionId = 1;
  let closing: Promise<void> | undefined;

  const health = () => {
    const stats = engine.stats();
    return {
      status: closing ? ('draining' as const) : ('ok' as const),
      model: engine.model.name,
      queueDepth: stats.queueDepth,
      activeRequests: stats.activeRequests,
      connections: connections.size,
    };
  };
  const httpServer = createServer(createHttpRoutes(health, metrics.registry));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: tunables.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const accept = (socket: WebSocket, request: IncomingMessage): void => {
    const connection = new CaptionConnection(nextConnectionId++, socket, {
      engine,
      hello,
      tunables,
      metrics,
      logger,
      onClose: (closed) => {
        connections.delete(closed);
        metrics.openConnections.dec();
      },
    });
    connections.add(connection);
    metrics.openConnections.inc();
    logger.info({ conn: connection.id, remote: request.socket.remoteAddress }, 'connection opened');
  };

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (path !== tunables.path) {
      refuseUpgrade(socket, 404, 'not_found', `the caption socket is at ${tunables.path}`);
      return;
    }
    const check = await authenticate(request);
    if (!check.ok) {
      metrics.authFailures.inc({ code: check.code });
      logger.warn({ code: check.code, remote: request.socket.remoteAddress }, 'handshake refused');
      refuseUpgrade(socket, 401, check.code, check.message);
      return;
    }
    if (socket.destroyed) return;
    // Checked after the (async) signature check: a socket accepted once shutdown began would never be drained.
    if (closing) {
      refuseUpgrade(socket, 503, 'shutting_down', 'the worker is shutting down; connect to another worker');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request));
  };

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns the socket, an abrupt client reset must not become an uncaught 'error'.
    socket.on('error', (error) => logger.debug({ err: error.message }, 'upgrade socket error'));
    upgrade(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'internal', 'the worker failed to accept the connection');
    });
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, tunables.heartbeatMs);

  const shutdown = async (graceMs: number): Promise<void> => {
    logger.info({ graceMs, connections: connections.size }, 'shutting down');
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    const open = [...connections];
    for (const connection of open) connection.drain();
    const idle = Promise.all(open.map((c) => c.whenIdle()));
    await Promise.all([engine.close(graceMs), Promise.race([idle, delay(graceMs)])]);
    for (const connection of open) {
      connection.failAll(
        'shutting_down',
        'the worker shut down before the caption was finished; retry elsewhere',
      );
    }
    await Promise.all(
      open.map((c) => c.close(CLOSE_CODES.goingAway, 'worker shutting down', 'shutdown', CLOSE_HANDSHAKE_MS)),
    );
    clearInterval(heartbeat);
    httpServer.closeAllConnections();
    await httpClosed;
    logger.info('shut down');
  };

  return {
    httpServer,
    metrics: metrics.registry,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address();
          if (address === null || typeof address === 'string') reject(new Error('not listening on TCP'));
          else resolve(address);
        });
      });
    },
    close(graceMs = tunables.shutdownGraceMs) {
      closing ??= shutdown(graceMs);
      return closing;
    },
  };
}
