/**
 * Nonces of accepted handshakes, each kept until its token could no longer pass the clock-skew check, so a
 * captured token cannot be replayed. Only tokens with a valid signature reach it, so its size is bounded by how
 * often the edge (which holds the secret) connects; `maxEntries` bounds it even against a leaked secret.
 */
export class NonceCache {
  readonly #expiries = new Map<string, number>();

  constructor(readonly maxEntries = 100_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`NonceCache: maxEntries must be a positive integer, got ${maxEntries}`);
    }
  }

  get size(): number {
    return this.#expiries.size;
  }

  /**
   * Records `nonce` until `expiresAt` (ms). Returns false, recording nothing, when the nonce is already held or the
   * cache is full of live nonces (refusing is the safe side: evicting a live nonce would re-open a replay).
   */
  remember(nonce: string, expiresAt: number, now: number): boolean {
    const held = this.#expiries.get(nonce);
    if (held !== undefined && held > now) return false;
    if (this.#expiries.size >= this.maxEntries) this.prune(now);
    if (this.#expiries.size >= this.maxEntries) return false;
    this.#expiries.set(nonce, expiresAt);
    return true;
  }

  prune(now: number): void {
    for (const [nonce, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(nonce);
  }
}
