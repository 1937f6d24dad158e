import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './api-error.ts';

/**
 * The app's one `onError`: API errors answer with their code; Hono's own exceptions (e.g. a malformed JSON body
 * from a validator) become `invalid_request`; anything else is a bug, logged and answered as `internal_error`
 * without its details.
 */
export function handleError(error: Error, c: Context): Response {
  const response = toApiError(error).getResponse();
  // CORS headers set by earlier middleware live on `c.res`, which an error replaces.
  for (const [name, value] of c.res.headers) {
    if (name.startsWith('access-control-') || name === 'vary') response.headers.set(name, value);
  }
  return response;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 404) return new ApiError('not_found', error.message || 'not found');
    if (error.status < 500) return new ApiError('invalid_request', error.message || 'invalid request');
  }
  console.error('unhandled error', error instanceof Error ? (error.stack ?? error.message) : String(error));
  return new ApiError('internal_error', 'the edge failed unexpectedly; retry, and report it if it persists');
}
