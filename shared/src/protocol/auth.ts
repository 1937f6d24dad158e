import type { NonceCache } from './nonce-cache.ts';

/**
 * Edge → worker authentication, checked during the WebSocket upgrade. The edge sends
 *
 *   x-caption-auth: v1.<unix seconds>.<nonce: 32 hex>.<HMAC-SHA256(secret, "v1.<unix seconds>.<nonce>"): 64 hex>
 *
 * A token is accepted once, within ±60 s of the worker's clock. WebCrypto only, so Workers and Node 20 both sign.
 */
export const AUTH_HEADER = 'x-caption-auth';
export const AUTH_MAX_SKEW_MS = 60_000;
/** A shared secret shorter than this is refused at startup; generate 32+ random bytes, e.g. `openssl rand -hex 32`. */
export const MIN_SECRET_LENGTH = 32;

export type AuthFailureCode =
  | 'auth_missing'
  | 'auth_malformed'
  | 'auth_expired'
  | 'auth_invalid'
  | 'auth_replayed';
export type AuthCheck = { ok: true } | { ok: false; code: AuthFailureCode; message: string };

/**
 * The imported secret. Spelt through `crypto.subtle` rather than the DOM's `CryptoKey`, so the type resolves under
 * Node's and Workers' type packages alike.
 */
export type AuthKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const TOKEN = /^(v1\.(\d{1,15})\.([0-9a-f]{32}))\.([0-9a-f]{64})$/;
const encoder = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Imports the shared secret once; throws at once on a secret too short to be one. */
export async function importAuthSecret(secret: string): Promise<AuthKey> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(
      `auth secret must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}`,
    );
  }
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** A fresh token for one connection attempt. `now` and `nonce` are for tests. */
export async function signAuthToken(
  key: AuthKey,
  options: { now?: number; nonce?: string } = {},
): Promise<string> {
  const seconds = Math.floor((options.now ?? Date.now()) / 1000);
  const nonce = options.nonce ?? toHex(crypto.getRandomValues(new Uint8Array(16)));
  const payload = `v1.${seconds}.${nonce}`;
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(payload));
  return `${payload}.${toHex(new Uint8Array(signature))}`;
}

/** Checks a token and, when it is good, spends its nonce. */
export async function verifyAuthToken(
  key: AuthKey,
  token: string | undefined,
  nonces: NonceCache,
  now = Date.now(),
): Promise<AuthCheck> {
  if (token === undefined || token === '') {
    return { ok: false, code: 'auth_missing', message: `no ${AUTH_HEADER} header` };
  }
  const match = TOKEN.exec(token);
  const [, payload, seconds, nonce, signature] = match ?? [];
  if (payload === undefined || seconds === undefined || nonce === undefined || signature === undefined) {
    return {
      ok: false,
      code: 'auth_malformed',
      message: `${AUTH_HEADER} is not v1.<seconds>.<nonce>.<hmac>`,
    };
  }
  const issuedAt = Number(seconds) * 1000;
  if (Math.abs(now - issuedAt) > AUTH_MAX_SKEW_MS) {
    return {
      ok: false,
      code: 'auth_expired',
      message: `token time is ${Math.round((issuedAt - now) / 1000)} s from the worker's clock (allowed ±60 s); sign a fresh token and check clock sync`,
    };
  }
  // subtle.verify compares MACs in constant time (CRYPTO_memcmp in both Node and workerd), unlike `===` on hex.
  const valid = await crypto.subtle.verify('HMAC', key, fromHex(signature), encoder.encode(payload));
  if (!valid)
    return { ok: false, code: 'auth_invalid', message: 'signature does not match the shared secret' };
  // Checked after the signature, so only the holder of the secret can put nonces in the cache.
  if (!nonces.remember(nonce, issuedAt + AUTH_MAX_SKEW_MS, now)) {
    return {
      ok: false,
      code: 'auth_replayed',
      message: 'this token was already used; sign a fresh one per connection',
    };
  }
  return { ok: true };
}
