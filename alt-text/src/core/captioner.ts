import type { CachedCaption } from './session-cache.ts';
import type { ImageUpload } from './downsize.ts';

/**
 * Sends one image to the service. The page script calls the API from the page; the extension's content script
 * hands the image to its service worker. Rejects with a `CaptionApiError`; no retries (the queue does those).
 */
export type Captioner = (upload: ImageUpload) => Promise<CachedCaption>;
