import { readLimited } from '../captions/read-body.ts';
import type { EdgeConfig } from '../config/edge-config.ts';
import { ApiError } from '../errors/api-error.ts';
import { classifyAddress, classifyHost, type HostClass } from './address-policy.ts';

const MAX_REDIRECTS = 3;
const DNS_OVER_HTTPS = 'https://cloudflare-dns.com/dns-query';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const refuse = (message: string) => new ApiError('invalid_request', message);

function allowed(kind: HostClass, config: EdgeConfig): boolean {
  return kind === 'public' || (kind === 'loopback' && config.allowLoopbackUrls);
}

/** A and AAAA answers over DNS-over-HTTPS (Workers have no resolver API). */
async function resolve(hostname: string, signal: AbortSignal): Promise<string[]> {
  const addresses: string[] = [];
  for (const type of ['A', 'AAAA']) {
    const url = `${DNS_OVER_HTTPS}?name=${encodeURIComponent(hostname)}&type=${type}`;
    const response = await fetch(url, { headers: { accept: 'application/dns-json' }, signal });
    if (!response.ok) throw new Error(`resolver answered ${response.status}`);
    const body: unknown = await response.json();
    const answers = typeof body === 'object' && body !== null && 'Answer' in body ? body.Answer : undefined;
    if (!Array.isArray(answers)) continue;
    for (const answer of answers as unknown[]) {
      if (typeof answer !== 'object' || answer === null || !('type' in answer) || !('data' in answer))
        continue;
      if ((answer.type === 1 || answer.type === 28) && typeof answer.data === 'string')
        addresses.push(answer.data);
    }
  }
  return addresses;
}

/** Refuses a URL unless it is http(s), without credentials, to a public address (every address its name has). */
async function checkTarget(url: URL, config: EdgeConfig, signal: AbortSignal): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(`only http and https URLs are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') throw refuse('URLs with credentials are not fetched');
  const kind = classifyHost(url.hostname);
  if (kind !== 'name') {
    if (!allowed(kind, config))
      throw refuse(`${url.hostname} is a ${kind} address; only public addresses are fetched`);
    return;
  }
  let addresses: string[];
  try {
    addresses = await resolve(url.hostname, signal);
  } catch {
    throw refuse(`${url.hostname} could not be resolved`);
  }
  if (addresses.length === 0) throw refuse(`${url.hostname} has no address`);
  for (const address of addresses) {
    const resolved = classifyAddress(address);
    if (!allowed(resolved, config)) {
      throw refuse(`${url.hostname} resolves to a ${resolved} address; only public addresses are fetched`);
    }
  }
}

/**
 * Fetches an image for `{"url": …}`: public http(s) addresses only, each redirect checked again (followed by hand,
 * at most 3), within `urlFetchTimeoutMs` in all and `maxImageBytes`. A name is checked on its DNS answers; the
 * runtime resolves it again to connect, so a name re-pointed in between (DNS rebinding) is not caught here: in
 * production Cloudflare's network does not route Workers' subrequests to private addresses.
 */
export async function fetchImageUrl(raw: string, config: EdgeConfig): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('"url" is not a valid absolute URL');
  }
  const signal = AbortSignal.timeout(config.urlFetchTimeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      await checkTarget(url, config, signal);
      const response = await fetch(url.toString(), {
        redirect: 'manual',
        signal,
        headers: { accept: 'image/jpeg, image/png, image/webp, image/gif' },
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw refuse(`the URL answered ${response.status} without a Location`);
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw refuse(`fetching the URL failed: it answered ${response.status}`);
      }
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      if (length > config.maxImageBytes) {
        await response.body?.cancel();
        throw new ApiError(
          'payload_too_large',
          `the image at the URL is over the limit of ${config.maxImageBytes} bytes`,
        );
      }
      return await readLimited(response.body, config.maxImageBytes);
    }
    throw refuse(`the URL redirected more than ${MAX_REDIRECTS} times`);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (signal.aborted) throw refuse(`the URL did not answer within ${config.urlFetchTimeoutMs} ms`);
    throw refuse(`fetching the URL failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
