import { Hono } from 'hono';
import { authenticateBearer } from '../auth/api-key-auth.ts';
import { type ApiKey, apiKeyById } from '../auth/keys.ts';
import { importWsTokenKey, verifyWsToken, type WsTokenKey, wsTokenFrom } from '../auth/ws-token.ts';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { AppEnv, Env } from '../env.ts';
import { ApiError } from '../errors/api-error.ts';
import { CaptionSocketSession } from './ws-session.ts';

export const WS_SUBPROTOCOL = 'captions.v1';

let tokenKey: { secret: string; key: Promise<WsTokenKey> } | undefined;

/** The HMAC key of WebSocket tokens: `WS_TOKEN_SECRET`, or one derived from the worker secret when unset. */
export function wsTokenKey(env: Env): Promise<WsTokenKey> {
  const config = readEdgeConfig(env);
  const secret = config.wsTokenSecret ?? config.workerSecret;
  if (tokenKey?.secret !== secret) tokenKey = { secret, key: importWsTokenKey(secret) };
  return tokenKey.key;
}

async function authenticateSocket(env: Env, request: Request): Promise<ApiKey> {
  const config = readEdgeConfig(env);
  const origin = request.headers.get('origin') ?? undefined;
  const token = wsTokenFrom(new URL(request.url), request.headers.get('sec-websocket-protocol') ?? undefined);
  if (token === undefined) {
    // Server-side clients can send headers: the same API keys as HTTP.
    return authenticateBearer(request.headers.get('authorization') ?? undefined, origin, config.keys);
  }
  const check = await verifyWsToken(await wsTokenKey(env), token, origin);
  if (!check.ok) {
    const code = check.message.startsWith('the token was issued for origin')
      ? 'forbidden_origin'
      : 'unauthorized';
    throw new ApiError(code, check.message);
  }
  const key = apiKeyById(config.keys, check.claims.keyId);
  if (key === undefined)
    throw new ApiError('unauthorized', 'the key this token was issued for no longer exists');
  return key;
}

/** Picks the subprotocol to echo: a browser fails the connection unless the server selects one it offered. */
function selectProtocol(offered: string | null): string | undefined {
  const protocols = (offered ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return protocols.includes(WS_SUBPROTOCOL) ? WS_SUBPROTOCOL : protocols[0];
}

/** `GET /v1/captions/ws`: authenticated before the upgrade, so refusals are ordinary JSON error responses. */
export const wsRoute = new Hono<AppEnv>().get('/', async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(
      'invalid_request',
      'this endpoint speaks WebSocket; connect with an Upgrade: websocket request',
    );
  }
  const key = await authenticateSocket(c.env, c.req.raw);
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  server.accept();
  new CaptionSocketSession(server, c.env, key);
  const protocol = selectProtocol(c.req.header('sec-websocket-protocol') ?? null);
  return new Response(null, {
    status: 101,
    webSocket: client,
    headers: protocol === undefined ? {} : { 'sec-websocket-protocol': protocol },
  });
});
