/**
 * Every error the worker can report, with a stable code. Request codes arrive as `error {id, code}` and are that
 * request's final event; connection codes arrive as `error {code}` without an id and end no request.
 */
export const REQUEST_ERROR_CODES = [
  // The `caption` message broke the schema (missing field, wrong type, unknown field).
  'invalid_request',
  // Options outside the limits announced in `hello` (beams, maxWords, alternatives, timeoutMs).
  'invalid_options',
  // `attention: true` on a model without cross-attention outputs.
  'attention_unsupported',
  // The image's pixel frame would be, or is, larger than `limits.maxPixelFrameBytes`.
  'frame_too_large',
  // The pixel frame's size is not width × height × 3.
  'invalid_pixels',
  // A pixel frame for an id with no request waiting for pixels.
  'unknown_request',
  // A second pixel frame for a request that already has its pixels.
  'unexpected_frame',
  // A `caption` reused the id of a request still in flight: both are ended with this one error.
  'duplicate_id',
  // The connection already has `limits.maxConcurrentRequests` requests in flight.
  'too_many_requests',
  // The engine's queue is full.
  'queue_full',
  // The client sent `cancel {id}`.
  'cancelled',
  // The request's deadline (`timeoutMs`, or the worker's default) passed.
  'deadline_exceeded',
  // The worker is shutting down; another worker can take the request.
  'shutting_down',
  // A bug or a model failure; the message says what broke.
  'internal',
] as const;

export const CONNECTION_ERROR_CODES = [
  // A text frame that is not JSON.
  'invalid_json',
  // JSON that is not a known message, or a message without a usable request id.
  'invalid_message',
  // A binary frame whose header (magic, version, id) cannot be read, so no request can be named.
  'invalid_frame',
] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];
export type ErrorCode = RequestErrorCode | ConnectionErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [...REQUEST_ERROR_CODES, ...CONNECTION_ERROR_CODES];

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'too_many_requests',
  'queue_full',
  'shutting_down',
]);

/** Whether sending the same request again (later, or to another worker) may succeed. */
export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

/** WebSocket close codes the worker uses. A dropped connection (1006) ends every request on it. */
export const CLOSE_CODES = {
  /** The worker is shutting down; in-flight requests got their final events first. */
  goingAway: 1001,
  /** A frame above the socket's hard size limit; the worker would not even read it. */
  messageTooBig: 1009,
  /** An unexpected server failure. */
  internalError: 1011,
} as const;
