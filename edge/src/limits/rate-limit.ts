import { createMiddleware } from 'hono/factory';
import type { ApiKey } from '../auth/keys.ts';
import type { AppEnv, Env } from '../env.ts';
import { ApiError } from '../errors/api-error.ts';

/** Takes one request from the key's budget; throws `rate_limited` (429, Retry-After) when it is spent. */
export async function takeRequest(env: Env, key: ApiKey): Promise<number> {
  const limiter = env.KEY_LIMITER.get(env.KEY_LIMITER.idFromName(key.id));
  const result = await limiter.take({ ratePerMinute: key.ratePerMinute, burst: key.burst });
  if (!result.allowed) {
    throw new ApiError(
      'rate_limited',
      `key ${key.id} is limited to ${key.ratePerMinute} requests a minute (bursts of ${key.burst}); retry after ${result.retryAfterSeconds} s`,
      result.retryAfterSeconds,
    );
  }
  return result.remaining;
}

/**
 * Per-key request rate, after authentication: each request takes a token from the key's `KeyLimiter` Durable
 * Object, or is refused with 429 and `Retry-After`. (The per-key cap on captions in flight is enforced in the
 * relay, which sees every caption start and end.)
 */
export function rateLimit() {
  return createMiddleware<AppEnv>(async function rateLimitByKey(c, next) {
    const remaining = await takeRequest(c.env, c.get('apiKey'));
    c.header('x-ratelimit-remaining', String(remaining));
    await next();
  });
}
