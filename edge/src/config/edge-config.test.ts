import { describe, expect, it } from 'vitest';
import type { Env } from '../env.ts';
import { EdgeConfigError, readEdgeConfig } from './edge-config.ts';

const sha256 = 'a'.repeat(64);
const withOrigins = (origins: string[]) =>
  ({
    CAPTION_WORKER_SECRET: 'config-test-secret-0123456789abcdef',
    API_KEYS: JSON.stringify([{ id: 'reader', type: 'publishable', sha256, origins }]),
  }) as unknown as Env;

describe('publishable key origins', () => {
  it('accepts web origins and a browser extension origin (the alt-text extension)', () => {
    const origins = [
      'https://example.com',
      'http://127.0.0.1:8787',
      `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`,
    ];
    expect(readEdgeConfig(withOrigins(origins)).keys[0]?.origins).toEqual(origins);
  });

  it('refuses paths, other schemes and malformed extension ids', () => {
    for (const origin of [
      'https://example.com/',
      'ftp://example.com',
      'chrome-extension://short',
      `chrome-extension://${'z'.repeat(32)}`,
      `chrome-extension://${'a'.repeat(32)}/options.html`,
    ]) {
      expect(() => readEdgeConfig(withOrigins([origin])), origin).toThrow(EdgeConfigError);
    }
  });
});
