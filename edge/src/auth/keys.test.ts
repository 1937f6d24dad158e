import { describe, expect, it } from 'vitest';
import type { KeyRecord } from '../config/edge-config.ts';
import { digestsEqual, findApiKey, generateApiKey, sha256Hex } from './keys.ts';

async function record(id: string, key: string, type: KeyRecord['type'] = 'secret'): Promise<KeyRecord> {
  return {
    id,
    type,
    sha256: await sha256Hex(key),
    origins: [],
    rate_per_minute: 60,
    burst: 10,
    max_concurrent: 2,
  };
}

describe('API keys', () => {
  it('finds a key by the hash of what was presented, and nothing for a near miss', async () => {
    const key = generateApiKey('secret');
    const records = [await record('other', generateApiKey('secret')), await record('mine', key)];
    expect(await findApiKey(key, records)).toMatchObject({ id: 'mine', type: 'secret', maxConcurrent: 2 });
    expect(await findApiKey(`${key.slice(0, -1)}x`, records)).toBeUndefined();
    expect(await findApiKey('', records)).toBeUndefined();
  });

  it('generates prefixed 256-bit keys', () => {
    expect(generateApiKey('secret')).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey('publishable')).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
  });

  it('hashes as SHA-256 hex', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares digests whole', () => {
    expect(digestsEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(digestsEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(digestsEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
