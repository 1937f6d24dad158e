import type { RelayStream } from '../relay/relay-client.ts';
import type { RelayEvent, RelayResult, RelayWord } from '../relay/relay-events.ts';
import type { PreparedCaption } from './caption-job.ts';

/**
 * Finished captions, reused when the same pixels arrive again with the same options: an alt-text plugin on a busy
 * site sends the same logo and hero image over and over. Keyed by a hash of what the GPU worker would see (the
 * resized pixels, the model and every option that changes the answer), never by the upload's bytes, so a PNG and a
 * lossless WebP of one picture share an entry. Stored in the Workers Cache API (per data centre, evicted under pressure):
 * a miss only costs a caption. Only results are kept; errors are never cached.
 */

/** A URL space nobody can reach: the Cache API keys entries by GET requests. */
const CACHE_ORIGIN = 'https://caption-results.invalid/';

interface CachedCaption {
  words: RelayWord[];
  result: RelayResult;
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function resultCacheKey(prepared: PreparedCaption): Promise<Request> {
  const o = prepared.options;
  const header = JSON.stringify([
    prepared.model.name,
    prepared.pixels.width,
    prepared.pixels.height,
    o.beams,
    o.alternatives ?? o.beams,
    o.max_words ?? null,
    o.attention,
  ]);
  const headerBytes = new TextEncoder().encode(`${header}\n`);
  const message = new Uint8Array(headerBytes.length + prepared.pixels.data.length);
  message.set(headerBytes);
  message.set(prepared.pixels.data, headerBytes.length);
  const digest = await crypto.subtle.digest('SHA-256', message);
  return new Request(`${CACHE_ORIGIN}${hex(digest)}`);
}

async function openCache(): Promise<Cache | undefined> {
  // The Cache API exists in Workers and miniflare; elsewhere (unit tests in Node) the cache is simply off.
  return typeof caches === 'undefined' ? undefined : caches.open('caption-results');
}

export async function readCachedCaption(key: Request): Promise<RelayStream | undefined> {
  const cache = await openCache();
  const hit = await cache?.match(key);
  if (hit === undefined) return undefined;
  const cached = (await hit.json()) as CachedCaption;
  return replay(cached);
}

/** The cached events as a relay stream, so JSON, SSE and WebSocket answers need no separate path. */
function replay(cached: CachedCaption): RelayStream {
  async function* events(): AsyncGenerator<RelayEvent, void> {
    for (const word of cached.words) yield word;
    yield { ...cached.result, cached: true };
  }
  return { events: events(), cancel: async () => {} };
}

/** Passes a live stream through, storing its words and result once the result arrives. */
export function recordInCache(stream: RelayStream, key: Request, ttlSeconds: number): RelayStream {
  async function* events(): AsyncGenerator<RelayEvent, void> {
    const words: RelayWord[] = [];
    for await (const event of stream.events) {
      if (event.type === 'word') words.push(event);
      if (event.type === 'result') {
        // Stored before the result is handed on: the handler may end the request right after it.
        await store(key, { words, result: event }, ttlSeconds).catch((error: unknown) => {
          console.error('result cache: store failed', error instanceof Error ? error.message : String(error));
        });
      }
      yield event;
    }
  }
  return { events: events(), cancel: () => stream.cancel() };
}

async function store(key: Request, value: CachedCaption, ttlSeconds: number): Promise<void> {
  const cache = await openCache();
  if (cache === undefined) return;
  await cache.put(
    key,
    new Response(JSON.stringify(value), {
      headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlSeconds}` },
    }),
  );
}
