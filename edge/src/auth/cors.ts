import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { AppEnv } from '../env.ts';

/**
 * CORS for browsers using publishable keys. A preflight carries no key, so it is answered for any origin that some
 * publishable key allows; the request itself is then checked against its own key's origins (403 otherwise).
 */
export function corsForPublishableKeys() {
  return createMiddleware<AppEnv>(async function corsByKeyOrigins(c, next) {
    const allowed = new Set(
      readEdgeConfig(c.env)
        .keys.filter((k) => k.type === 'publishable')
        .flatMap((k) => k.origins),
    );
    const handler = cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Accept'],
      exposeHeaders: ['Retry-After', 'X-RateLimit-Remaining'],
      maxAge: 600,
    });
    return handler(c, next);
  });
}
