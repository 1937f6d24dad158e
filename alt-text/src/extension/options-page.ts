// The options page: the service's endpoint and the reader's key, the wording and the reliability threshold, whether
// sites get alt text by default, and the sites switched off (or on) one by one.
import { parseSettings } from '../core/settings.ts';
import { DEFAULT_CONFIDENCE_THRESHOLD, DEFAULT_RELIABILITY_THRESHOLD } from '../core/thresholds.ts';
import { loadSettings, saveSettings } from './extension-settings.ts';

const field = (id: string) => document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
const status = document.getElementById('status') as HTMLElement;

function sitesText(sites: Record<string, boolean>, on: boolean): string {
  return Object.entries(sites)
    .filter(([, value]) => value === on)
    .map(([origin]) => origin)
    .join('\n');
}

function origins(text: string): string[] {
  return text
    .split(/\s+/)
    .map((line) => line.trim().replace(/\/+$/, ''))
    .filter((line) => line !== '');
}

async function show(): Promise<void> {
  const settings = await loadSettings();
  field('endpoint').value = settings.endpoint;
  field('key').value = settings.key;
  field('wording').value = settings.wording;
  field('threshold').value = settings.threshold === null ? '' : String(settings.threshold);
  field('threshold').setAttribute(
    'placeholder',
    `default: ${DEFAULT_RELIABILITY_THRESHOLD} on reliability (${DEFAULT_CONFIDENCE_THRESHOLD} on confidence)`,
  );
  (field('enabled-by-default') as HTMLInputElement).checked = settings.enabledByDefault;
  field('sites-off').value = sitesText(settings.sites, false);
  field('sites-on').value = sitesText(settings.sites, true);
}

async function save(event: Event): Promise<void> {
  event.preventDefault();
  const { settings, problems } = parseSettings({
    endpoint: field('endpoint').value,
    key: field('key').value,
    wording: field('wording').value,
    threshold: field('threshold').value,
  });
  if (settings === undefined) {
    status.textContent = `Not saved: ${problems.join('; ')}`;
    status.dataset.state = 'error';
    return;
  }
  const sites: Record<string, boolean> = {};
  for (const origin of origins(field('sites-on').value)) sites[origin] = true;
  for (const origin of origins(field('sites-off').value)) sites[origin] = false;
  await saveSettings({
    endpoint: settings.endpoint,
    key: settings.key,
    wording: settings.wording,
    threshold: settings.threshold ?? null,
    enabledByDefault: (field('enabled-by-default') as HTMLInputElement).checked,
    sites,
  });
  status.textContent = 'Saved.';
  status.dataset.state = 'saved';
}

document.getElementById('options')?.addEventListener('submit', (event) => void save(event));
void show();
