// The toolbar popup: the per-site switch for the site in the current tab.
import { chromeApi } from './chrome-api.ts';
import { loadSettings, setSiteEnabled, siteEnabled } from './extension-settings.ts';

async function show(): Promise<void> {
  const [tab] = await chromeApi.tabs.query({ active: true, lastFocusedWindow: true });
  const site = document.getElementById('site') as HTMLElement;
  const toggle = document.getElementById('toggle') as HTMLInputElement;
  let origin: string | undefined;
  try {
    origin = tab?.url === undefined ? undefined : new URL(tab.url).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || !/^https?:/.test(origin)) {
    site.textContent = 'This page cannot get alt text.';
    toggle.disabled = true;
    return;
  }
  site.textContent = origin;
  toggle.checked = siteEnabled(await loadSettings(), origin);
  toggle.addEventListener('change', () => void setSiteEnabled(origin, toggle.checked));
  document
    .getElementById('options')
    ?.addEventListener('click', () => void chromeApi.runtime.openOptionsPage());
}

void show();
