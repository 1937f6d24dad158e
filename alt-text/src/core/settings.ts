import { DEFAULT_WORDING } from './wording.ts';

/** What the plugin needs to know: where the service is, and how to word and filter what it writes. */
export interface AltTextSettings {
  endpoint: string;
  key: string;
  /** Template of the alt text; `{caption}` is replaced by the caption. */
  wording: string;
  /**
   * Lowest score (0..1) worth writing, on reliability when the service gives it, else on confidence; below it the
   * image keeps no alt. Unset: the default for that score (thresholds.ts).
   */
  threshold: number | undefined;
  /** Captions in flight at once from this page. */
  concurrency: number;
  /** Longest side an image is downsized to in the browser before upload. */
  maxSide: number;
  beams: number;
}

export const DEFAULT_SETTINGS: Omit<AltTextSettings, 'endpoint' | 'key'> = {
  wording: DEFAULT_WORDING,
  // The model's own default (its verifier's, or 0.4 on confidence without one); sites tune it with data-threshold.
  threshold: undefined,
  concurrency: 2,
  maxSide: 512,
  beams: 3,
};

function number(raw: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new RangeError(
      `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not "${raw}"`,
    );
  }
  return value;
}

/**
 * Settings from strings (a script tag's data- attributes, an options form). Problems are collected rather than
 * thrown one by one, so a page author sees every mistake in one console message.
 */
export function parseSettings(raw: Record<string, string | undefined>): {
  settings?: AltTextSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const field = <T>(name: string, read: () => T | undefined, fallback: T): T => {
    try {
      return read() ?? fallback;
    } catch (error) {
      problems.push(`${name} ${(error as Error).message}`);
      return fallback;
    }
  };
  const endpoint = (raw.endpoint ?? '').trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/i.test(endpoint)) problems.push('endpoint must be the http(s) URL of the service');
  const key = (raw.key ?? '').trim();
  if (key === '') problems.push('key is missing: a publishable key (pk_…) allowed for this origin');
  const wording = raw.wording?.trim() || DEFAULT_SETTINGS.wording;
  const settings: AltTextSettings = {
    endpoint,
    key,
    wording,
    threshold: field('threshold', () => number(raw.threshold, 0, 1, false), DEFAULT_SETTINGS.threshold),
    concurrency: field(
      'concurrency',
      () => number(raw.concurrency, 1, 8, true),
      DEFAULT_SETTINGS.concurrency,
    ),
    maxSide: field('max-side', () => number(raw.maxSide, 64, 2048, true), DEFAULT_SETTINGS.maxSide),
    beams: field('beams', () => number(raw.beams, 1, 8, true), DEFAULT_SETTINGS.beams),
  };
  return problems.length === 0 ? { settings, problems } : { problems };
}
