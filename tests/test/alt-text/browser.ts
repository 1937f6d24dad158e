// Driving Debian's Chromium for the alt-text tests: the plain browser (page script) and a persistent context with
// the extension loaded unpacked (extensions need one, and the new headless mode).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../model/src/browser/chromium.ts';
import { repoRoot } from '../edge/harness.ts';

export const EXTENSION_DIR = join(repoRoot, 'alt-text/dist/extension');
export const ARTIFACTS = join(repoRoot, 'tests/artifacts');

/** Chromium names an unpacked extension by its directory: SHA-256 of the path, first 32 hex digits as a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
}

export function launchWithExtension(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'alt-text-profile-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface ImageState {
  id: string;
  alt: string | null;
  mark: string | null;
}

/** Each image's alt attribute and the plugin's mark, read in the page (page code as text: no DOM types here). */
export function imageStates(page: Page, ids: readonly string[]): Promise<ImageState[]> {
  return page.evaluate<ImageState[]>(
    `${JSON.stringify(ids)}.map((id) => {
      const img = document.getElementById(id);
      return { id, alt: img.getAttribute('alt'), mark: img.getAttribute('data-alt-text') };
    })`,
  );
}

/** Waits until every image named has the plugin's mark `mark`. */
export async function waitForMarks(page: Page, ids: readonly string[], mark: string): Promise<void> {
  await page.waitForFunction(
    `${JSON.stringify(ids)}.every((id) => document.getElementById(id)?.getAttribute('data-alt-text') === ${JSON.stringify(mark)})`,
    undefined,
    { timeout: 60_000 },
  );
}

/** Shows each generated alt text under its image, for the screenshot (alt text is invisible otherwise). */
export function labelGeneratedAlt(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    for (const img of document.querySelectorAll('img[data-alt-text]')) {
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = img.getAttribute('data-alt-text') + ': ' + (img.getAttribute('alt') ?? '(none)');
      img.after(label);
    }
  })()`);
}
