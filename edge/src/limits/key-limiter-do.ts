import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { type BucketRule, type BucketState, type TakeResult, takeToken } from './token-bucket.ts';

/**
 * One per API key (named by the key id): the key's request rate, enforced in one place for every edge isolate.
 * The bucket is kept in Durable Object storage so that an evicted and restarted object does not hand out a full
 * burst again.
 */
export class KeyLimiter extends DurableObject<Env> {
  #bucket: BucketState | undefined;
  #loaded = false;

  async take(rule: BucketRule): Promise<TakeResult> {
    if (!this.#loaded) {
      this.#bucket = await this.ctx.storage.get<BucketState>('bucket');
      this.#loaded = true;
    }
    const { state, result } = takeToken(this.#bucket, rule, Date.now());
    this.#bucket = state;
    await this.ctx.storage.put('bucket', state);
    return result;
  }
}
