// The TypeScript client of the captioning API: browsers, Node and Workers (no runtime-specific imports).
export { type RetryPolicy, retryDelayMs } from './backoff.ts';
export {
  type ApiErrorCode,
  CaptionApiError,
  type CaptionErrorCode,
  parseRetryAfter,
  RETRYABLE_CODES,
} from './caption-error.ts';
export type { CaptionResult, CaptionStreamEvent, CaptionWord } from './caption-result.ts';
export { type CaptionClientOptions, captionImage, streamCaption } from './caption-client.ts';
export type { CaptionImage, CaptionOptions } from './image-input.ts';
export type { CaptionSocket, WebSocketConstructor } from './ws-transport.ts';
