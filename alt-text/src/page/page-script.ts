// `/alt-text.js`: the drop-in script. On a page that includes
//   <script src="https://captions.example.com/alt-text.js" data-key="pk_…" defer></script>
// it writes alt text into images that have none. Everything it needs comes from the tag's data- attributes; a
// mistake is reported once in the console and the page is otherwise left as it was.
import { CaptionApiError, captionImage } from '@captioner/shared/client/index.ts';
import { AltTextController } from '../core/alt-text-controller.ts';
import type { Captioner } from '../core/captioner.ts';
import { type AltTextSettings, parseSettings } from '../core/settings.ts';

function warn(message: string): void {
  console.warn(`alt-text: ${message}`);
}

/** The page's own `fetch` captions: the request carries the page's Origin, which the publishable key must allow. */
function pageCaptioner(settings: AltTextSettings): Captioner {
  return async (upload) => {
    const result = await captionImage(upload, {
      endpoint: settings.endpoint,
      key: settings.key,
      beams: settings.beams,
      alternatives: 1,
      retries: 0,
    });
    return {
      caption: result.caption,
      confidence: result.confidence,
      reliability: result.reliability ?? null,
    };
  };
}

function start(script: HTMLScriptElement | null): void {
  if (script === null) {
    warn('load alt-text.js with a <script src> tag (it reads its settings from the tag)');
    return;
  }
  const data = script.dataset;
  const { settings, problems } = parseSettings({
    endpoint: data.endpoint ?? new URL(script.src, location.href).origin,
    key: data.key,
    wording: data.wording,
    threshold: data.threshold,
    concurrency: data.concurrency,
    maxSide: data.maxSide,
    beams: data.beams,
  });
  if (settings === undefined) {
    warn(`not started: ${problems.join('; ')}`);
    return;
  }
  const controller = new AltTextController({
    settings,
    captioner: pageCaptioner(settings),
    cacheNamespace: settings.endpoint,
    warn,
  });
  const begin = () => controller.start();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
  else begin();
}

try {
  // Read now: `currentScript` is only set while the script itself runs.
  start(document.currentScript instanceof HTMLScriptElement ? document.currentScript : null);
} catch (error) {
  warn(error instanceof CaptionApiError ? error.message : String(error));
}
