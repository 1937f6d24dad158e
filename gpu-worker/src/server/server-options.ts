import type { Logger } from 'pino';
import { z } from 'zod';
import type { CaptionEngine } from '../engine/types.ts';

const MiB = 1024 * 1024;

const positiveInt = z.int().min(1);

/** Every tunable of the server, with why its default is what it is. */
const TunablesSchema = z
  .strictObject({
    /** Upgrade path of the caption socket. */
    path: z.string().startsWith('/').default('/ws'),
    /** Largest pixel frame, header included: 4 MiB fits a 1182 × 1182 RGB image; the edge sends model-size ones. */
    maxPixelFrameBytes: positiveInt.default(4 * MiB),
    /**
     * ws `maxPayload`: frames above it are not even read, the socket closes with 1009. Well above the protocol
     * limit, so an oversized pixel frame fails only its request; only absurd frames cost the connection.
     */
    maxPayloadBytes: positiveInt.optional(),
    /** Requests in flight per connection; the edge multiplexes many users over one socket. */
    maxConcurrentRequests: positiveInt.default(64),
    /** Deadline of a request that sets no `timeoutMs`. */
    defaultTimeoutMs: positiveInt.default(30_000),
    maxTimeoutMs: positiveInt.default(120_000),
    /** Send-buffer bytes above which the connection stops reading (no new requests) until it drains. */
    highWaterMark: positiveInt.default(1 * MiB),
    /** Send-buffer bytes at or below which a paused connection reads again. */
    lowWaterMark: positiveInt.default(256 * 1024),
    /**
     * Send-buffer bytes at which a connection is terminated and its requests cancelled. Above the worst case of a
     * paused connection (64 requests × ~30 words × a few KiB of attention), so only a peer that stopped reading
     * for good reaches it.
     */
    maxBufferedBytes: positiveInt.default(16 * MiB),
    /** Ping interval; a peer that has not answered the previous ping by the next one is terminated. */
    heartbeatMs: positiveInt.default(30_000),
    /** How long SIGTERM waits for in-flight requests before failing them with `shutting_down`. */
    shutdownGraceMs: z.int().min(0).default(10_000),
  })
  .refine((o) => o.lowWaterMark < o.highWaterMark && o.highWaterMark < o.maxBufferedBytes, {
    message: 'need lowWaterMark < highWaterMark < maxBufferedBytes',
  })
  .refine((o) => o.defaultTimeoutMs <= o.maxTimeoutMs, { message: 'need defaultTimeoutMs <= maxTimeoutMs' })
  .refine((o) => o.maxPayloadBytes === undefined || o.maxPayloadBytes > o.maxPixelFrameBytes, {
    message: 'need maxPayloadBytes > maxPixelFrameBytes',
  });

export type ServerTunables = z.input<typeof TunablesSchema>;

export interface CaptionServerOptions extends ServerTunables {
  engine: CaptionEngine;
  /** Shared secret of the edge's handshake (at least 32 characters). */
  secret: string;
  /** Silent when not given. */
  logger?: Logger;
}

export type ResolvedTunables = Required<z.output<typeof TunablesSchema>>;

/** Checks the tunables once, at startup; throws a message naming the bad field. */
export function resolveTunables(options: ServerTunables): ResolvedTunables {
  const parsed = TunablesSchema.safeParse(options);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`);
    throw new RangeError(`caption server options: ${issues.join('; ')}`);
  }
  const t = parsed.data;
  return { ...t, maxPayloadBytes: t.maxPayloadBytes ?? 4 * t.maxPixelFrameBytes };
}
