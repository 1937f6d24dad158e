import type { ApiKey } from './auth/keys.ts';
import type { KeyLimiter } from './limits/key-limiter-do.ts';
import type { CaptionRelay } from './relay/relay-do.ts';

/** Bindings and variables of the edge worker (wrangler.toml, `.dev.vars` or `--env-file`, secrets). */
export interface Env {
  CAPTION_RELAY: DurableObjectNamespace<CaptionRelay>;
  KEY_LIMITER: DurableObjectNamespace<KeyLimiter>;
  /** GPU workers, comma- or space-separated base URLs: `http://10.0.0.5:8790 http://10.0.0.6:8790`. */
  GPU_WORKERS?: string;
  /** Shared secret of the edge → GPU worker handshake (32+ characters). */
  CAPTION_WORKER_SECRET?: string;
  /** JSON array of API keys (see `config/edge-config.ts`); secret keys appear only as SHA-256 hashes. */
  API_KEYS?: string;
  /** Secret that signs short-lived WebSocket tokens (32+ characters). */
  WS_TOKEN_SECRET?: string;
  /** The publishable key the demo page uses; public by nature. */
  DEMO_PUBLISHABLE_KEY?: string;
  MAX_IMAGE_BYTES?: string;
  MAX_IMAGE_PIXELS?: string;
  /** "true" lets URL intake fetch loopback addresses: local development and tests only. */
  ALLOW_LOOPBACK_URLS?: string;
  /** Total time URL intake may take (DNS, redirects, body); default 10000. */
  URL_FETCH_TIMEOUT_MS?: string;
  /** Seconds a finished caption is reused for identical pixels and options; default 3600, "0" disables. */
  RESULT_CACHE_TTL_SECONDS?: string;
}

/** Hono's environment: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: { apiKey: ApiKey };
}
