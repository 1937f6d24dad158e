/**
 * The error every client call rejects with: the API's stable `code` (see docs/api.md), the HTTP status where there
 * was one, and `retryAfter` (seconds) when the service said when to come back. Client-side failures have their own
 * codes: `network_error` (no answer: the service is down or unreachable) and `invalid_response` (an answer that is
 * not the API's). Cancelling through an `AbortSignal` rejects with the signal's reason instead, as `fetch` does.
 */
export const API_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden_origin',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_image',
  'rate_limited',
  'internal_error',
  'backend_error',
  'backend_unavailable',
  // WebSocket only: the request was cancelled (by this client, or the socket closed under it).
  'cancelled',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export type CaptionErrorCode = ApiErrorCode | 'network_error' | 'invalid_response';

/** Codes worth sending the same request again for, after `retryAfter` or a backoff. */
export const RETRYABLE_CODES: ReadonlySet<CaptionErrorCode> = new Set([
  'rate_limited',
  'backend_unavailable',
]);

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden_origin',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_image',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'backend_error',
  503: 'backend_unavailable',
};

export class CaptionApiError extends Error {
  override readonly name = 'CaptionApiError';

  constructor(
    readonly code: CaptionErrorCode,
    message: string,
    /** HTTP status of the answer; undefined for WebSocket errors and client-side failures. */
    readonly status?: number,
    /** Seconds the service asked to wait before retrying (`Retry-After`, or `retry_after` on a socket). */
    readonly retryAfter?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The error an HTTP answer with a non-2xx status stands for; reads its `{"error": {code, message}}` body. */
export async function errorFromResponse(response: Response): Promise<CaptionApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object'
      ? (body.error as { code?: unknown; message?: unknown } | null)
      : null;
  if (error !== null && isApiErrorCode(error.code) && typeof error.message === 'string') {
    return new CaptionApiError(error.code, error.message, response.status, retryAfter);
  }
  // Not the API's answer (a proxy's page, say): the status is all there is to go on.
  const code = CODE_BY_STATUS[response.status] ?? 'invalid_response';
  return new CaptionApiError(
    code,
    `the service answered HTTP ${response.status} without an API error body`,
    response.status,
    retryAfter,
  );
}

/** Wraps what a failed `fetch` or socket threw: the abort reason passes through, anything else is `network_error`. */
export function networkError(cause: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (cause instanceof CaptionApiError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CaptionApiError(
    'network_error',
    `the captioning service could not be reached (${detail}); check the endpoint, or retry later`,
    undefined,
    undefined,
    { cause },
  );
}
