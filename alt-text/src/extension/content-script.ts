// Runs in every page: if the reader has switched alt text on for this site, finds the images that need it and
// captions them through the service worker. Reacts to the options page and the per-site switch without a reload.
import { AltTextController } from '../core/alt-text-controller.ts';
import type { Captioner } from '../core/captioner.ts';
import { parseSettings } from '../core/settings.ts';
import { fromReply } from './caption-message.ts';
import { chromeApi } from './chrome-api.ts';
import {
  type ExtensionSettings,
  loadSettings,
  STORAGE_KEY,
  siteEnabled,
  withDefaults,
} from './extension-settings.ts';

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

const captioner: Captioner = async (upload) => {
  const message =
    upload instanceof Blob
      ? { type: 'caption', image: await dataUrl(upload) }
      : { type: 'caption', url: upload.url };
  return fromReply(await chromeApi.runtime.sendMessage(message));
};

let controller: AltTextController | undefined;

/** Whether the extension is at work on this page, on the root element, for readers' tools and tests. */
function showState(state: 'on' | 'off'): void {
  document.documentElement.setAttribute('data-alt-text-extension', state);
}

function apply(stored: ExtensionSettings): void {
  controller?.stop();
  controller = undefined;
  // Not set up yet: stay quiet on every page until the reader has given a key.
  if (!siteEnabled(stored, location.origin) || stored.key === '') {
    showState('off');
    return;
  }
  const { settings, problems } = parseSettings({
    endpoint: stored.endpoint,
    key: stored.key,
    wording: stored.wording,
    threshold: stored.threshold === null ? undefined : String(stored.threshold),
  });
  if (settings === undefined) {
    console.warn(`alt-text extension: set it up on its options page (${problems.join('; ')})`);
    showState('off');
    return;
  }
  controller = new AltTextController({
    settings,
    captioner,
    cacheNamespace: `extension ${settings.endpoint}`,
  });
  controller.start();
  showState('on');
}

chromeApi.storage.onChanged.addListener((changes, area) => {
  const change = changes[STORAGE_KEY];
  if (area === 'sync' && change !== undefined) apply(withDefaults(change.newValue));
});
loadSettings().then(apply, (error: unknown) => console.warn(`alt-text extension: ${String(error)}`));
