export {
  AUTH_HEADER,
  AUTH_MAX_SKEW_MS,
  type AuthCheck,
  type AuthFailureCode,
  type AuthKey,
  importAuthSecret,
  MIN_SECRET_LENGTH,
  signAuthToken,
  verifyAuthToken,
} from './auth.ts';
export {
  type ResolvedCaptionOptions,
  type ResolvedCaptionRequest,
  resolveCaptionRequest,
} from './caption-request.ts';
export {
  CLOSE_CODES,
  CONNECTION_ERROR_CODES,
  type ConnectionErrorCode,
  ERROR_CODES,
  type ErrorCode,
  isRetryable,
  REQUEST_ERROR_CODES,
  type RequestErrorCode,
} from './error-codes.ts';
export * from './messages.ts';
export { NonceCache } from './nonce-cache.ts';
export { describeIssues, type Parsed, parseEdgeMessage, parseWorkerMessage } from './parse.ts';
export {
  type DecodedPixelFrame,
  decodePixelFrame,
  encodePixelFrame,
  PIXEL_FRAME_MAGIC,
  PIXEL_FRAME_VERSION,
  pixelFrameSize,
} from './pixel-frame.ts';
export { isRequestId, MAX_REQUEST_ID_LENGTH, REQUEST_ID_PATTERN } from './request-id.ts';
