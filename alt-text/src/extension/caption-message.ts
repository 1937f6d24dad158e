import { CaptionApiError, type CaptionErrorCode } from '@captioner/shared/client/index.ts';
import type { CachedCaption } from '../core/session-cache.ts';

/** Content script → service worker: one image, as a data URL of its downsized pixels or as its URL. */
export type CaptionRequestMessage = { type: 'caption'; image: string } | { type: 'caption'; url: string };

/** Service worker → content script. Messages are JSON, so errors travel as their fields. */
export type CaptionReplyMessage =
  | { ok: true; caption: string; confidence: number; reliability: number | null }
  | { ok: false; code: CaptionErrorCode; message: string; retryAfter?: number };

export function isCaptionRequest(message: unknown): message is CaptionRequestMessage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'caption' && (typeof m.image === 'string' || typeof m.url === 'string');
}

export function errorReply(error: unknown): CaptionReplyMessage {
  if (error instanceof CaptionApiError) {
    return { ok: false, code: error.code, message: error.message, retryAfter: error.retryAfter };
  }
  return { ok: false, code: 'invalid_response', message: String(error) };
}

/** The reply as the content script's captioner returns it, or its error rethrown with the same code. */
export function fromReply(reply: unknown): CachedCaption {
  const r = reply as CaptionReplyMessage | undefined;
  if (r?.ok === true)
    return { caption: r.caption, confidence: r.confidence, reliability: r.reliability ?? null };
  if (r?.ok === false) throw new CaptionApiError(r.code, r.message, undefined, r.retryAfter);
  throw new CaptionApiError('invalid_response', 'the extension service worker did not answer');
}
