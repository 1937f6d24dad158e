import { describe, expect, it } from 'vitest';
import { takeToken } from './token-bucket.ts';

describe('takeToken', () => {
  const rule = { ratePerMinute: 60, burst: 3 };

  it('allows a burst, then refuses with the wait until the next token', () => {
    let state: Parameters<typeof takeToken>[0];
    const results = [];
    for (let i = 0; i < 4; i++) {
      const taken = takeToken(state, rule, 1_000);
      state = taken.state;
      results.push(taken.result);
    }
    expect(results).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
  });

  it('refills at the configured rate, never above the burst', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, rule, 500).result).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeToken(empty, rule, 1_000).result).toEqual({ allowed: true, remaining: 0 });
    expect(takeToken(empty, rule, 3_600_000).result).toEqual({ allowed: true, remaining: 2 });
  });

  it('reports the wait of a slow rate in whole seconds', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, { ratePerMinute: 6, burst: 1 }, 0).result).toEqual({
      allowed: false,
      retryAfterSeconds: 10,
    });
  });
});
