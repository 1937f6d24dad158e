import { MIN_SECRET_LENGTH } from '@captioner/shared/protocol/index.ts';
import { z } from 'zod';
import type { Env } from '../env.ts';

const MiB = 1024 * 1024;

const KeyRecordSchema = z.strictObject({
  /** Names the key in logs, rate limits and tokens; not secret. */
  id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  /** `secret`: server-side callers. `publishable`: browsers, only from `origins`. */
  type: z.enum(['secret', 'publishable']),
  /** Lower-case hex SHA-256 of the key: keys are 128+-bit random strings, so a fast hash is enough. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * Exact origins (`https://example.com`) a publishable key may be used from; a browser extension's origin
   * (`chrome-extension://<32 letters a-p>`) lets a reader's extension use it (see docs/alt-text.md).
   */
  origins: z.array(z.string().regex(/^(https?:\/\/[^/]+|chrome-extension:\/\/[a-p]{32})$/)).default([]),
  /** Token bucket: sustained requests per minute, and how many may come at once. */
  rate_per_minute: z.int().min(1).default(120),
  burst: z.int().min(1).default(30),
  /** Captions in flight at once for this key. */
  max_concurrent: z.int().min(1).default(8),
});
export type KeyRecord = z.output<typeof KeyRecordSchema>;

const flag = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  GPU_WORKERS: z
    .string()
    .default('http://127.0.0.1:8790')
    .transform((v) => v.split(/[\s,]+/).filter((u) => u !== ''))
    .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1)),
  CAPTION_WORKER_SECRET: z.string().min(MIN_SECRET_LENGTH),
  API_KEYS: z
    .string()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(KeyRecordSchema)),
  WS_TOKEN_SECRET: z.string().min(MIN_SECRET_LENGTH).optional(),
  DEMO_PUBLISHABLE_KEY: z.string().optional(),
  MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * MiB),
  // Decoding costs ~16 bytes a pixel at peak (measured: photon's wasm memory, which never shrinks, plus the RGBA
  // copy handed to JavaScript; a 12 MP JPEG grew a process by 194 MB). Workers have 128 MB, so 4 MiP (~67 MB).
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).default(4_194_304),
  ALLOW_LOOPBACK_URLS: flag.default(false),
  URL_FETCH_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  RESULT_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(3600),
});

export interface EdgeConfig {
  gpuWorkers: string[];
  workerSecret: string;
  keys: KeyRecord[];
  wsTokenSecret: string | undefined;
  demoPublishableKey: string | undefined;
  maxImageBytes: number;
  maxImagePixels: number;
  allowLoopbackUrls: boolean;
  urlFetchTimeoutMs: number;
  /** How long a finished caption is reused for the same pixels and options; 0 turns the cache off. */
  resultCacheTtlSeconds: number;
}

export class EdgeConfigError extends Error {}

let cached: { source: string; config: EdgeConfig } | undefined;

/** Reads and checks the configuration once per isolate (again only when a variable changes). */
export function readEdgeConfig(env: Env): EdgeConfig {
  const source = JSON.stringify([
    env.GPU_WORKERS,
    env.CAPTION_WORKER_SECRET,
    env.API_KEYS,
    env.WS_TOKEN_SECRET,
    env.DEMO_PUBLISHABLE_KEY,
    env.MAX_IMAGE_BYTES,
    env.MAX_IMAGE_PIXELS,
    env.ALLOW_LOOPBACK_URLS,
    env.URL_FETCH_TIMEOUT_MS,
    env.RESULT_CACHE_TTL_SECONDS,
  ]);
  if (cached?.source === source) return cached.config;
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new EdgeConfigError(`edge configuration is invalid: ${issues}`);
  }
  const e = parsed.data;
  const ids = new Set<string>();
  for (const key of e.API_KEYS) {
    if (ids.has(key.id))
      throw new EdgeConfigError(`edge configuration is invalid: API_KEYS: duplicate id ${key.id}`);
    ids.add(key.id);
  }
  const config: EdgeConfig = {
    gpuWorkers: e.GPU_WORKERS,
    workerSecret: e.CAPTION_WORKER_SECRET,
    keys: e.API_KEYS,
    wsTokenSecret: e.WS_TOKEN_SECRET,
    demoPublishableKey: e.DEMO_PUBLISHABLE_KEY,
    maxImageBytes: e.MAX_IMAGE_BYTES,
    maxImagePixels: e.MAX_IMAGE_PIXELS,
    allowLoopbackUrls: e.ALLOW_LOOPBACK_URLS,
    urlFetchTimeoutMs: e.URL_FETCH_TIMEOUT_MS,
    resultCacheTtlSeconds: e.RESULT_CACHE_TTL_SECONDS,
  };
  cached = { source, config };
  return config;
}
