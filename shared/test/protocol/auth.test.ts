import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_MAX_SKEW_MS,
  type AuthKey,
  importAuthSecret,
  signAuthToken,
  verifyAuthToken,
} from '../../src/protocol/auth.ts';
import { NonceCache } from '../../src/protocol/nonce-cache.ts';

const SECRET = 'a-shared-secret-of-at-least-32-chars!';
const NOW = 1_750_000_000_000;
let key: AuthKey;

beforeAll(async () => {
  key = await importAuthSecret(SECRET);
});

describe('handshake tokens', () => {
  it('signs v1.<seconds>.<nonce>.<HMAC-SHA256 hex> that an independent HMAC reproduces', async () => {
    const nonce = '00112233445566778899aabbccddeeff';
    const token = await signAuthToken(key, { now: NOW, nonce });
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', SECRET).update(`v1.1750000000.${nonce}`).digest('hex');
    expect(token).toBe(`v1.1750000000.${nonce}.${expected}`);
  });

  it('accepts a fresh token once and refuses its replay', async () => {
    const nonces = new NonceCache();
    const token = await signAuthToken(key, { now: NOW });
    expect(await verifyAuthToken(key, token, nonces, NOW + 1_000)).toEqual({ ok: true });
    expect(await verifyAuthToken(key, token, nonces, NOW + 2_000)).toMatchObject({
      ok: false,
      code: 'auth_replayed',
    });
  });

  it('gives every token its own nonce', async () => {
    const nonces = new NonceCache();
    for (let i = 0; i < 3; i++) {
      expect(await verifyAuthToken(key, await signAuthToken(key, { now: NOW }), nonces, NOW)).toEqual({
        ok: true,
      });
    }
    expect(nonces.size).toBe(3);
  });

  it('accepts clock skew up to 60 s either way and refuses more', async () => {
    const token = await signAuthToken(key, { now: NOW });
    expect(await verifyAuthToken(key, token, new NonceCache(), NOW + AUTH_MAX_SKEW_MS)).toEqual({ ok: true });
    expect(await verifyAuthToken(key, token, new NonceCache(), NOW - AUTH_MAX_SKEW_MS)).toEqual({ ok: true });
    expect(await verifyAuthToken(key, token, new NonceCache(), NOW + AUTH_MAX_SKEW_MS + 1)).toMatchObject({
      ok: false,
      code: 'auth_expired',
    });
    expect(await verifyAuthToken(key, token, new NonceCache(), NOW - AUTH_MAX_SKEW_MS - 1)).toMatchObject({
      ok: false,
      code: 'auth_expired',
    });
  });

  it('refuses a token signed with another secret, or tampered with', async () => {
    const other = await importAuthSecret(`${SECRET}-other`);
    const nonces = new NonceCache();
    const foreign = await signAuthToken(other, { now: NOW });
    expect(await verifyAuthToken(key, foreign, nonces, NOW)).toMatchObject({
      ok: false,
      code: 'auth_invalid',
    });
    const token = await signAuthToken(key, { now: NOW, nonce: '0'.repeat(32) });
    const laterTime = token.replace('v1.1750000000.', 'v1.1750000001.');
    expect(await verifyAuthToken(key, laterTime, nonces, NOW)).toMatchObject({
      ok: false,
      code: 'auth_invalid',
    });
    const otherNonce = token.replace('0'.repeat(32), `${'0'.repeat(31)}1`);
    expect(await verifyAuthToken(key, otherNonce, nonces, NOW)).toMatchObject({
      ok: false,
      code: 'auth_invalid',
    });
    expect(nonces.size).toBe(0);
  });

  it('refuses missing and malformed tokens', async () => {
    const nonces = new NonceCache();
    expect(await verifyAuthToken(key, undefined, nonces, NOW)).toMatchObject({ code: 'auth_missing' });
    expect(await verifyAuthToken(key, '', nonces, NOW)).toMatchObject({ code: 'auth_missing' });
    const token = await signAuthToken(key, { now: NOW });
    for (const bad of [token.slice(1), `${token}0`, token.toUpperCase(), `Bearer ${token}`, 'v1.x.y.z']) {
      expect(await verifyAuthToken(key, bad, nonces, NOW)).toMatchObject({
        ok: false,
        code: 'auth_malformed',
      });
    }
  });

  it('throws at once on a secret too short to be one', async () => {
    await expect(importAuthSecret('short')).rejects.toThrow(RangeError);
  });
});

describe('NonceCache', () => {
  it('forgets a nonce after it expires and refuses new ones when full of live ones', () => {
    const cache = new NonceCache(2);
    expect(cache.remember('a', 100, 0)).toBe(true);
    expect(cache.remember('a', 100, 50)).toBe(false);
    expect(cache.remember('b', 200, 50)).toBe(true);
    expect(cache.remember('c', 200, 50)).toBe(false);
    expect(cache.remember('c', 200, 100)).toBe(true);
    expect(cache.remember('a', 300, 100)).toBe(false);
    expect(cache.size).toBe(2);
  });
});
