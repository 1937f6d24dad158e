import { createMiddleware } from 'hono/factory';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors/api-error.ts';
import { type ApiKey, findApiKey } from './keys.ts';

/** A publishable key works only from the browser origins configured for it. */
export function checkOrigin(key: ApiKey, origin: string | undefined): void {
  if (key.type !== 'publishable') return;
  if (origin === undefined || origin === '') {
    throw new ApiError(
      'forbidden_origin',
      'publishable keys work only from a browser on an allowed origin; server-side callers use a secret key',
    );
  }
  if (!key.origins.includes(origin)) {
    throw new ApiError('forbidden_origin', `origin ${origin} is not allowed for key ${key.id}`);
  }
}

/** `Authorization: Bearer <key>` → the key, or 401/403. */
export async function authenticateBearer(
  authorization: string | undefined,
  origin: string | undefined,
  records: Parameters<typeof findApiKey>[1],
): Promise<ApiKey> {
  if (authorization === undefined || authorization === '') {
    throw new ApiError('unauthorized', 'send your API key as "Authorization: Bearer <key>"');
  }
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const presented = match?.[1];
  if (presented === undefined)
    throw new ApiError('unauthorized', 'the Authorization header must be "Bearer <key>"');
  const key = await findApiKey(presented, records);
  if (key === undefined) throw new ApiError('unauthorized', 'the API key is not valid');
  checkOrigin(key, origin);
  return key;
}

/** Authenticates every request with a secret or publishable API key and puts it on the context as `apiKey`. */
export function apiKeyAuth() {
  return createMiddleware<AppEnv>(async function authenticateApiKey(c, next) {
    const { keys } = readEdgeConfig(c.env);
    c.set('apiKey', await authenticateBearer(c.req.header('authorization'), c.req.header('origin'), keys));
    await next();
  });
}
