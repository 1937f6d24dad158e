import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { chromeApi } from './chrome-api.ts';

/** What the reader sets on the options page and with the per-site switch (kept in `chrome.storage.sync`). */
export interface ExtensionSettings {
  endpoint: string;
  key: string;
  wording: string;
  /** null: the model's default (thresholds.ts). */
  threshold: number | null;
  /** Whether sites not in `sites` get alt text. */
  enabledByDefault: boolean;
  /** Per-site switch: origin → on/off, overriding the default. */
  sites: Record<string, boolean>;
}

export const STORAGE_KEY = 'settings';

export const DEFAULT_EXTENSION_SETTINGS: ExtensionSettings = {
  endpoint: 'http://127.0.0.1:8787',
  key: '',
  wording: DEFAULT_SETTINGS.wording,
  threshold: null,
  enabledByDefault: true,
  sites: {},
};

/** Stored settings over the defaults; fields of the wrong type (an older version's, a hand edit) are ignored. */
export function withDefaults(stored: unknown): ExtensionSettings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_EXTENSION_SETTINGS;
  const sites: Record<string, boolean> = {};
  if (typeof s.sites === 'object' && s.sites !== null) {
    for (const [origin, on] of Object.entries(s.sites)) if (typeof on === 'boolean') sites[origin] = on;
  }
  return {
    endpoint: typeof s.endpoint === 'string' ? s.endpoint : d.endpoint,
    key: typeof s.key === 'string' ? s.key : d.key,
    wording: typeof s.wording === 'string' ? s.wording : d.wording,
    // A number stored by an older version was a confidence threshold; kept, it now applies to reliability.
    threshold: typeof s.threshold === 'number' ? s.threshold : d.threshold,
    enabledByDefault: typeof s.enabledByDefault === 'boolean' ? s.enabledByDefault : d.enabledByDefault,
    sites,
  };
}

export async function loadSettings(): Promise<ExtensionSettings> {
  return withDefaults((await chromeApi.storage.sync.get(STORAGE_KEY))[STORAGE_KEY]);
}

export async function saveSettings(changes: Partial<ExtensionSettings>): Promise<ExtensionSettings> {
  const next = { ...(await loadSettings()), ...changes };
  await chromeApi.storage.sync.set({ [STORAGE_KEY]: next });
  return next;
}

export function siteEnabled(settings: ExtensionSettings, origin: string): boolean {
  return settings.sites[origin] ?? settings.enabledByDefault;
}

export async function setSiteEnabled(origin: string, on: boolean): Promise<void> {
  const settings = await loadSettings();
  await saveSettings({ sites: { ...settings.sites, [origin]: on } });
}
