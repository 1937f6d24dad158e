/**
 * Request ids are chosen by the edge and multiplex one connection. ASCII only, so an id's length in the binary
 * pixel frame header is its length in characters, and ids are safe in log lines and metric-free.
 */
export const MAX_REQUEST_ID_LENGTH = 64;

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
