import type { ErrorCode } from '@captioner/shared/protocol/index.ts';
import type { RelayError } from './relay-events.ts';

/**
 * A GPU worker's request error, in the public API's terms. The client sees what it can act on: its own mistake
 * (`invalid_request`), capacity (`backend_unavailable`, retry later), or a failure behind the edge
 * (`backend_error`); the worker's own code stays in the message for whoever reads the logs.
 */
export function relayErrorFor(code: ErrorCode, message: string): RelayError {
  switch (code) {
    case 'invalid_request':
    case 'invalid_options':
    case 'attention_unsupported':
      return { type: 'error', code: 'invalid_request', message };
    case 'too_many_requests':
    case 'queue_full':
    case 'shutting_down':
      return {
        type: 'error',
        code: 'backend_unavailable',
        message: `the GPU workers are busy (${code}); retry shortly`,
        retryAfterSeconds: 1,
      };
    case 'deadline_exceeded':
      return {
        type: 'error',
        code: 'backend_error',
        message: 'the caption did not finish before its deadline; retry',
      };
    default:
      return { type: 'error', code: 'backend_error', message: `the GPU worker failed (${code}): ${message}` };
  }
}
