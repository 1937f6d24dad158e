import { ALT_TEXT_ETAG, ALT_TEXT_SCRIPT } from '@captioner/alt-text/served';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * `GET /alt-text.js`: the drop-in alt-text script (built from alt-text/src/page). Any page may load it, so it is
 * served to every origin; the key in its tag decides where it may caption from. Cached for an hour and revalidated
 * by ETag, since the URL carries no version.
 */
export function altTextScript(c: Context<AppEnv>): Response {
  const headers = {
    'content-type': 'application/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
    etag: ALT_TEXT_ETAG,
    'access-control-allow-origin': '*',
    // Pages that isolate themselves (Cross-Origin-Embedder-Policy) can still load it.
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
  };
  const cached = (c.req.header('if-none-match') ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''));
  if (cached.includes(ALT_TEXT_ETAG)) return new Response(null, { status: 304, headers });
  return new Response(c.req.method === 'HEAD' ? null : ALT_TEXT_SCRIPT, { headers });
}
