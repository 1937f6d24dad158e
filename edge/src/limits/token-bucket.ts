/** A token bucket: `burst` requests at once, refilled at `ratePerMinute`. Pure, so it is tested without a runtime. */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface BucketRule {
  ratePerMinute: number;
  burst: number;
}

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export function takeToken(
  state: BucketState | undefined,
  rule: BucketRule,
  now: number,
): { state: BucketState; result: TakeResult } {
  const perMs = rule.ratePerMinute / 60_000;
  const previous = state ?? { tokens: rule.burst, updatedAt: now };
  const elapsed = Math.max(0, now - previous.updatedAt);
  const tokens = Math.min(rule.burst, previous.tokens + elapsed * perMs);
  if (tokens >= 1) {
    return {
      state: { tokens: tokens - 1, updatedAt: now },
      result: { allowed: true, remaining: Math.floor(tokens - 1) },
    };
  }
  return {
    state: { tokens, updatedAt: now },
    result: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) },
  };
}
