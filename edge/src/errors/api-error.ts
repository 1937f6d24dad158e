import { HTTPException } from 'hono/http-exception';

/**
 * Every error a client of the public API can see: a stable `code` and its HTTP status. The body is always
 * `{"error": {"code", "message"}}`; the message says what to do about it.
 */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_image: 422,
  rate_limited: 429,
  internal_error: 500,
  backend_error: 502,
  backend_unavailable: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERROR_STATUS, value);
}

/** Thrown anywhere in a request; `onError` turns it into the JSON answer. */
export class ApiError extends HTTPException {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Sent as `Retry-After` (seconds) on 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(API_ERROR_STATUS[code], { message });
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }

  override getResponse(): Response {
    const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
    if (this.code === 'unauthorized') headers.set('www-authenticate', 'Bearer realm="captions"');
    if (this.retryAfterSeconds !== undefined) {
      headers.set('retry-after', String(Math.max(1, Math.ceil(this.retryAfterSeconds))));
    }
    return new Response(JSON.stringify(this.body()), { status: this.status, headers });
  }
}
