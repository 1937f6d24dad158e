import type { KeyRecord } from '../config/edge-config.ts';

/** The caller a request was authenticated as. */
export interface ApiKey {
  id: string;
  type: 'secret' | 'publishable';
  origins: readonly string[];
  ratePerMinute: number;
  burst: number;
  maxConcurrent: number;
}

const encoder = new TextEncoder();

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export async function sha256Hex(text: string): Promise<string> {
  return [...(await sha256(text))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Compares two equal-length digests without an early exit, so timing says nothing about where they differ. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** The key a WebSocket token names, if it still exists (deleting a key revokes its tokens). */
export function apiKeyById(records: readonly KeyRecord[], id: string): ApiKey | undefined {
  const record = records.find((r) => r.id === id);
  return record === undefined ? undefined : toApiKey(record);
}

function toApiKey(record: KeyRecord): ApiKey {
  return {
    id: record.id,
    type: record.type,
    origins: record.origins,
    ratePerMinute: record.rate_per_minute,
    burst: record.burst,
    maxConcurrent: record.max_concurrent,
  };
}

/**
 * Finds the key whose stored hash matches the presented key. The presented key is hashed once and compared with
 * every stored hash in constant time, without stopping at the first match.
 */
export async function findApiKey(
  presented: string,
  records: readonly KeyRecord[],
): Promise<ApiKey | undefined> {
  const digest = await sha256(presented);
  let found: KeyRecord | undefined;
  for (const record of records) {
    if (digestsEqual(digest, fromHex(record.sha256)) && found === undefined) found = record;
  }
  return found === undefined ? undefined : toApiKey(found);
}

/** A new random key: `sk_` or `pk_` and 32 bytes in base64url (256 bits). */
export function generateApiKey(type: 'secret' | 'publishable'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const text = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  return `${type === 'secret' ? 'sk' : 'pk'}_${text}`;
}
