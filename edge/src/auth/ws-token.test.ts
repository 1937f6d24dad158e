import { describe, expect, it } from 'vitest';
import { importWsTokenKey, signWsToken, verifyWsToken, wsTokenFrom } from './ws-token.ts';

const SECRET = 'ws-token-test-secret-0123456789abcdef';

describe('WebSocket tokens', () => {
  it('verifies a fresh token and returns its claims', async () => {
    const key = await importWsTokenKey(SECRET);
    const token = await signWsToken(key, {
      keyId: 'demo.key',
      expiresAt: 1_060,
      origin: 'https://a.example',
    });
    expect(token).toMatch(/^cwt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyWsToken(key, token, 'https://a.example', 1_000)).toEqual({
      ok: true,
      claims: { keyId: 'demo.key', expiresAt: 1_060, origin: 'https://a.example' },
    });
  });

  it('refuses expired, re-signed, tampered, wrong-origin and malformed tokens', async () => {
    const key = await importWsTokenKey(SECRET);
    const other = await importWsTokenKey(`${SECRET}-other`);
    const claims = { keyId: 'k', expiresAt: 1_060, origin: 'https://a.example' };
    const token = await signWsToken(key, claims);
    expect(await verifyWsToken(key, token, 'https://a.example', 1_061)).toMatchObject({ ok: false });
    expect(await verifyWsToken(key, await signWsToken(other, claims), 'https://a.example', 1_000)).toEqual({
      ok: false,
      message: 'the token signature is not valid',
    });
    const [v, , sig] = token.split('.');
    const forged = `${v}.${btoa(JSON.stringify({ k: 'admin', exp: 9_999, o: null })).replace(/=+$/, '')}.${sig}`;
    expect(await verifyWsToken(key, forged, undefined, 1_000)).toMatchObject({ ok: false });
    expect(await verifyWsToken(key, token, 'https://b.example', 1_000)).toEqual({
      ok: false,
      message: 'the token was issued for origin https://a.example',
    });
    expect(await verifyWsToken(key, 'nonsense', undefined, 1_000)).toMatchObject({ ok: false });
  });

  it('reads the token from the query or a subprotocol', () => {
    expect(wsTokenFrom(new URL('https://e/ws?token=abc'), undefined)).toBe('abc');
    expect(wsTokenFrom(new URL('https://e/ws'), 'captions.v1, token.cwt1.x.y')).toBe('cwt1.x.y');
    expect(wsTokenFrom(new URL('https://e/ws'), 'captions.v1')).toBeUndefined();
  });
});
