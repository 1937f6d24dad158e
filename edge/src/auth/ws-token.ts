import { z } from 'zod';

/**
 * Short-lived tokens for WebSockets, which browsers open without custom headers: minted by `POST /v1/tokens`
 * with an API key, then passed as `?token=` or as a `token.<token>` subprotocol. A token names its key (so a
 * deleted key's tokens die with it), expires, and is bound to the origin it was minted from, if any.
 *
 *   cwt1.<base64url(JSON {k: key id, exp: unix seconds, o: origin | null})>.<base64url(HMAC-SHA256)>
 */
export const WS_TOKEN_TTL_SECONDS = 60;

const PayloadSchema = z.strictObject({ k: z.string().min(1), exp: z.int(), o: z.string().nullable() });
export type WsTokenClaims = { keyId: string; expiresAt: number; origin: string | null };

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export type WsTokenKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export function importWsTokenKey(secret: string): Promise<WsTokenKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(`ws-token:${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

export async function signWsToken(key: WsTokenKey, claims: WsTokenClaims): Promise<string> {
  const payload = base64url(
    encoder.encode(JSON.stringify({ k: claims.keyId, exp: claims.expiresAt, o: claims.origin })),
  );
  const body = `cwt1.${payload}`;
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `${body}.${base64url(signature)}`;
}

export type WsTokenCheck = { ok: true; claims: WsTokenClaims } | { ok: false; message: string };

/** Checks signature (constant time, by `crypto.subtle.verify`), expiry and, for bound tokens, the origin. */
export async function verifyWsToken(
  key: WsTokenKey,
  token: string,
  origin: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<WsTokenCheck> {
  const [version, payload, signature, extra] = token.split('.');
  const signatureBytes = fromBase64url(signature ?? '');
  if (version !== 'cwt1' || payload === undefined || signatureBytes === undefined || extra !== undefined) {
    return { ok: false, message: 'the token is malformed; mint one with POST /v1/tokens' };
  }
  const valid = await crypto.subtle.verify('HMAC', key, signatureBytes, encoder.encode(`cwt1.${payload}`));
  if (!valid) return { ok: false, message: 'the token signature is not valid' };
  const bytes = fromBase64url(payload);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, message: 'the token is malformed' };
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: 'the token is malformed' };
  const claims = { keyId: parsed.data.k, expiresAt: parsed.data.exp, origin: parsed.data.o };
  if (claims.expiresAt < nowSeconds) return { ok: false, message: 'the token has expired; mint a fresh one' };
  if (claims.origin !== null && claims.origin !== origin) {
    return { ok: false, message: `the token was issued for origin ${claims.origin}` };
  }
  return { ok: true, claims };
}

/** The token from `?token=` or from a `token.<token>` WebSocket subprotocol. */
export function wsTokenFrom(url: URL, protocols: string | undefined): string | undefined {
  const query = url.searchParams.get('token');
  if (query !== null && query !== '') return query;
  for (const protocol of (protocols ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith('token.')) return trimmed.slice('token.'.length);
  }
  return undefined;
}
