import { Hono } from 'hono';
import { signWsToken, WS_TOKEN_TTL_SECONDS } from '../auth/ws-token.ts';
import type { AppEnv } from '../env.ts';
import { wsTokenKey } from './ws-route.ts';

/**
 * `POST /v1/tokens`: a short-lived token for `GET /v1/captions/ws`, for browsers (which cannot set headers on a
 * WebSocket). A publishable key's token works only from the origin it was minted from.
 */
export const tokensRoute = new Hono<AppEnv>().post('/', async (c) => {
  const key = c.get('apiKey');
  const expiresAt = Math.floor(Date.now() / 1000) + WS_TOKEN_TTL_SECONDS;
  const origin = key.type === 'publishable' ? (c.req.header('origin') ?? null) : null;
  const token = await signWsToken(await wsTokenKey(c.env), { keyId: key.id, expiresAt, origin });
  return c.json({ token, expires_at: expiresAt, expires_in: WS_TOKEN_TTL_SECONDS });
});
