// The extension's service worker: the one place that talks to the captioning service. Requests leave from the
// extension (Origin chrome-extension://<id>), with the reader's own key from the options page; pages never see it.
import { captionImage } from '@captioner/shared/client/index.ts';
import { downsizeToJpeg, type ImageUpload } from '../core/downsize.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import {
  type CaptionReplyMessage,
  type CaptionRequestMessage,
  errorReply,
  isCaptionRequest,
} from './caption-message.ts';
import { chromeApi } from './chrome-api.ts';
import { loadSettings } from './extension-settings.ts';

/**
 * The image the page could not read (cross-origin without CORS): the extension may fetch it with its host
 * permission and downsize it here, which also reaches images the service cannot (intranets, local servers).
 * Where that fails, the service fetches the URL itself.
 */
async function fetchImage(url: string): Promise<ImageUpload> {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('image/')) return { url };
    const bitmap = await createImageBitmap(await response.blob());
    const pixels = await downsizeToJpeg(bitmap, bitmap.width, bitmap.height, DEFAULT_SETTINGS.maxSide);
    bitmap.close();
    return pixels ?? { url };
  } catch {
    return { url };
  }
}

async function caption(message: CaptionRequestMessage): Promise<CaptionReplyMessage> {
  try {
    const settings = await loadSettings();
    const upload =
      'image' in message ? await (await fetch(message.image)).blob() : await fetchImage(message.url);
    const result = await captionImage(upload, {
      endpoint: settings.endpoint,
      key: settings.key,
      beams: DEFAULT_SETTINGS.beams,
      alternatives: 1,
      // The content script's queue backs off for the whole page.
      retries: 0,
    });
    return {
      ok: true,
      caption: result.caption,
      confidence: result.confidence,
      reliability: result.reliability ?? null,
    };
  } catch (error) {
    return errorReply(error);
  }
}

chromeApi.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!isCaptionRequest(message)) return undefined;
  void caption(message).then(sendResponse);
  return true; // answers asynchronously
});
