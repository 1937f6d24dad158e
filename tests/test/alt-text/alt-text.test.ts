// The alt-text plugin in a real headless Chromium against the real edge (workerd) and GPU worker (shipped model):
// the drop-in script served by the edge, and the Manifest V3 extension loaded unpacked on a page with no script of
// ours. Screenshots land in tests/artifacts/.
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Edge,
  freePort,
  type GpuWorker,
  makeKey,
  repoRoot,
  startEdge,
  startGpuWorker,
  type TestKey,
} from '../edge/harness.ts';
import {
  EXTENSION_DIR,
  imageStates,
  labelGeneratedAlt,
  launchBrowser,
  launchWithExtension,
  screenshot,
  unpackedExtensionId,
  waitForMarks,
} from './browser.ts';
import { galleryPage, LEFT_ALONE, NEEDS_ALT, type Site, SCENES, siteImages, startSite } from './test-site.ts';

let worker: GpuWorker;
let edge: Edge;
let site: Site;
let crossSite: Site;
let browser: Browser;
const extensionId = unpackedExtensionId(EXTENSION_DIR);
const keys: Record<'page' | 'trickle' | 'demo' | 'extension', TestKey> = {} as never;

let clientBundle = '';

beforeAll(async () => {
  // The TypeScript client as a browser would get it from any bundler.
  const bundled = await build({
    entryPoints: [`${repoRoot}/shared/src/client/index.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'captionClient',
    write: false,
  });
  clientBundle = bundled.outputFiles[0]?.text ?? '';
  const images = await siteImages();
  crossSite = await startSite(images, () => undefined);
  site = await startSite(images, (path, query) => {
    if (path === '/plain') return galleryPage(crossSite.origin, '');
    if (path === '/client.js') return clientBundle;
    if (path === '/client') return '<!doctype html><title>client</title><script src="/client.js"></script>';
    if (path !== '/gallery') return undefined;
    const attributes = ['key', 'threshold', 'endpoint', 'wording']
      .filter((name) => query.has(name))
      .map((name) => ` data-${name}="${query.get(name)}"`)
      .join('');
    return galleryPage(
      crossSite.origin,
      `<script src="${edge.url}/alt-text.js"${attributes} defer></script>`,
    );
  });
  const edgePort = await freePort();
  keys.page = makeKey('page', 'publishable', { origins: [site.origin] });
  // One caption a second: the page is refused (429, Retry-After) and must back off.
  keys.trickle = makeKey('trickle', 'publishable', { origins: [site.origin], rate_per_minute: 60, burst: 1 });
  keys.demo = makeKey('demo', 'publishable', { origins: [`http://127.0.0.1:${edgePort}`] });
  keys.extension = makeKey('extension', 'publishable', { origins: [`chrome-extension://${extensionId}`] });
  worker = await startGpuWorker(`${repoRoot}/models/scenes-small`);
  edge = await startEdge({
    gpuWorkers: [worker.url],
    keys: Object.values(keys),
    // The cross-origin images are on loopback: let the edge fetch them by URL.
    vars: { ALLOW_LOOPBACK_URLS: 'true', DEMO_PUBLISHABLE_KEY: keys.demo.key },
    port: edgePort,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await edge?.dispose();
  await worker?.stop();
  await site?.close();
  await crossSite?.close();
});

interface CaptionCall {
  contentType: string;
  body: string | null;
  status?: number;
  caption?: string;
  image?: { width: number; height: number };
}

/**
 * Every caption request the page (or the extension) sends to the edge, with the edge's answer. Requests are
 * recorded when they start (before the page can see their answer); `settled()` waits for their answers to be read.
 */
function recordCaptionCalls(target: Page | BrowserContext): CaptionCall[] & { settled(): Promise<void> } {
  const pending: Promise<void>[] = [];
  const calls = Object.assign([] as CaptionCall[], {
    settled: async () => {
      await Promise.all(pending);
    },
  });
  target.on('request', (request) => {
    if (!request.url().startsWith(`${edge.url}/v1/captions`) || request.method() !== 'POST') return;
    const call: CaptionCall = { contentType: request.headers()['content-type'] ?? '', body: null };
    if (call.contentType.startsWith('application/json')) call.body = request.postData();
    calls.push(call);
    pending.push(
      (async () => {
        const response = await request.response();
        call.status = response?.status();
        if (response?.ok()) {
          const json = (await response.json()) as {
            caption: string;
            image: { width: number; height: number };
          };
          call.caption = json.caption;
          call.image = { width: json.image.width, height: json.image.height };
        }
      })(),
    );
  });
  return calls;
}

async function openGallery(page: Page, query: Record<string, string>, path = '/gallery'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}${path}?${new URLSearchParams(query)}`);
  return errors;
}

/** Scrolls to the lazy image and adds images the way an infinite scroll would. */
async function scrollAndAdd(page: Page): Promise<void> {
  await page.locator('#lazy').scrollIntoViewIfNeeded();
  await page.evaluate('window.addImages()');
  await page.locator('#added').scrollIntoViewIfNeeded();
}

function expectLeftAlone(states: Awaited<ReturnType<typeof imageStates>>): void {
  const original: Record<string, string | null> = {
    author: 'Two maple leaves',
    'empty-alt': '',
    'added-decorative': '',
  };
  for (const state of states)
    expect(state).toEqual({ id: state.id, alt: original[state.id] ?? null, mark: null });
}

describe('the drop-in script /alt-text.js', () => {
  it('is served as cacheable JavaScript any page may load, revalidated by ETag', async () => {
    const response = await fetch(`${edge.url}/alt-text.js`, { headers: { origin: 'https://any.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = response.headers.get('etag') ?? '';
    expect((await response.text()).length).toBeGreaterThan(1000);
    const again = await fetch(`${edge.url}/alt-text.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('captions exactly the images that need it, lazy and added ones when they show, each URL once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const calls = recordCaptionCalls(page);
    const errors = await openGallery(page, { key: keys.page.key, threshold: '0' });
    await waitForMarks(page, NEEDS_ALT, 'generated');

    // Below the fold, the lazy image was not even loaded, let alone sent.
    expect(site.requests.some((r) => r.path === '/img/scene-2.png?lazy')).toBe(false);
    expect((await imageStates(page, ['lazy']))[0]).toEqual({ id: 'lazy', alt: null, mark: null });
    await scrollAndAdd(page);
    await waitForMarks(page, ['lazy', 'added'], 'generated');

    await calls.settled();
    const needed = await imageStates(page, [...NEEDS_ALT, 'lazy', 'added']);
    const captions = new Set(calls.map((c) => c.caption));
    for (const state of needed) {
      const caption = /^Image may contain: (.+)$/.exec(state.alt ?? '')?.[1];
      expect(captions.has(caption), `${state.id}: ${state.alt}`).toBe(true);
    }
    expectLeftAlone(await imageStates(page, [...LEFT_ALONE, 'added-decorative']));
    expect(errors).toEqual([]);
    expect(await page.textContent('#page-state')).toBe('page script ran');

    // One request per distinct image URL (the two copies of large.png share one), all answered.
    expect(calls).toHaveLength(6);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    // Readable images go as downsized JPEG (the 1024x768 PNG arrives at the edge as 512x384); the cross-origin
    // image without CORS cannot be read by the page, so its URL goes and the edge fetches it.
    expect(calls.filter((c) => c.contentType === 'image/jpeg')).toHaveLength(5);
    expect(calls.some((c) => c.image?.width === 512 && c.image.height === 384)).toBe(true);
    const byUrl = calls.filter((c) => c.contentType.startsWith('application/json'));
    expect(byUrl.map((c) => JSON.parse(c.body ?? '{}').url)).toEqual([`${crossSite.origin}/img/scene-6.png`]);
    const fetchers = crossSite.requests.filter((r) => r.path === '/img/scene-6.png').map((r) => r.userAgent);
    expect(fetchers.some((ua) => !ua.includes('Chrome'))).toBe(true);

    await page.evaluate('window.scrollTo(0, 0)');
    await labelGeneratedAlt(page);
    await screenshot(page, 'alt-text-gallery.png');

    // The same tab's session again (sessionStorage): every caption comes from the cache, nothing is sent.
    const reloadCalls = recordCaptionCalls(page);
    await page.reload();
    await waitForMarks(page, NEEDS_ALT, 'generated');
    await reloadCalls.settled();
    expect(reloadCalls).toHaveLength(0);
    await context.close();
  });

  it('writes nothing below the confidence threshold, and uses the wording it is given', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openGallery(page, { key: keys.page.key, threshold: '1' });
    await waitForMarks(page, NEEDS_ALT, 'low-confidence');
    for (const state of await imageStates(page, NEEDS_ALT)) expect(state.alt).toBeNull();

    const worded = await context.newPage();
    await openGallery(worded, { key: keys.page.key, threshold: '0', wording: 'Possibly {caption}.' });
    await waitForMarks(worded, NEEDS_ALT, 'generated');
    for (const state of await imageStates(worded, NEEDS_ALT)) expect(state.alt).toMatch(/^Possibly \S.*\.$/);
    await context.close();
  });

  it('backs off when rate limited and still captions every image', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const calls = recordCaptionCalls(page);
    const errors = await openGallery(page, { key: keys.trickle.key, threshold: '0' });
    await waitForMarks(page, NEEDS_ALT, 'generated');
    await calls.settled();
    expect(calls.some((c) => c.status === 429)).toBe(true);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(4);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('never breaks the page when the service is down or the key is wrong', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const queries: Record<string, string>[] = [
      { key: keys.page.key, endpoint: down, threshold: '0' },
      { key: 'pk_unknown', threshold: '0' },
    ];
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = await openGallery(page, query);
      await page.waitForFunction(`document.querySelector('[data-alt-text=failed]') !== null`);
      expect(errors).toEqual([]);
      expect(await page.textContent('#page-state')).toBe('page script ran');
      for (const state of await imageStates(page, NEEDS_ALT)) expect(state.alt).toBeNull();
      expectLeftAlone(await imageStates(page, LEFT_ALONE));
      await context.close();
    }
  });
});

describe('the TypeScript client in the browser', () => {
  it('streams over SSE and over the WebSocket (token bound to the page origin), with typed errors', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/client`);
    const result = await page.evaluate<Record<string, unknown>>(`(async () => {
      const { streamCaption, captionImage } = window.captionClient;
      const options = { endpoint: ${JSON.stringify(edge.url)}, key: ${JSON.stringify(keys.page.key)}, beams: 3 };
      const image = await (await fetch('/img/scene-0.png')).blob();
      const out = {};
      for (const transport of ['sse', 'websocket']) {
        const words = [];
        let caption;
        for await (const event of streamCaption(image, { ...options, transport })) {
          if (event.type === 'word') words.push(event.text);
          else caption = event.result.caption;
        }
        out[transport] = { words: words.join(' '), caption };
      }
      out.json = (await captionImage(image, options)).caption;
      try {
        await captionImage(image, { ...options, key: 'pk_wrong' });
      } catch (error) {
        out.error = { name: error.name, code: error.code, status: error.status };
      }
      return out;
    })()`);
    expect(typeof result.json).toBe('string');
    expect(result.sse).toEqual({ words: result.json, caption: result.json });
    expect(result.websocket).toEqual({ words: result.json, caption: result.json });
    expect(result.error).toEqual({ name: 'CaptionApiError', code: 'unauthorized', status: 401 });
    await page.close();
  });
});

describe('the browser extension, loaded unpacked', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await launchWithExtension();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is set up on its options page and captions a page that has no script of ours', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(worker.url()).toBe(`chrome-extension://${extensionId}/service-worker.js`);

    // Until the reader has set a key it does nothing, quietly.
    const before = await context.newPage();
    await openGallery(before, { unset: '1' }, '/plain');
    await before.waitForSelector('html[data-alt-text-extension=off]');
    await before.close();

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.fill('#endpoint', edge.url);
    await options.fill('#key', keys.extension.key);
    await options.fill('#wording', 'Appears to be: {caption}');
    await options.fill('#threshold', '0');
    await options.click('#save');
    await options.waitForSelector('#status[data-state=saved]');
    await screenshot(options, 'alt-text-extension-options.png');

    const calls = recordCaptionCalls(context);
    const page = await context.newPage();
    const errors = await openGallery(page, {}, '/plain');
    await waitForMarks(page, NEEDS_ALT, 'generated');
    await scrollAndAdd(page);
    await waitForMarks(page, ['lazy', 'added'], 'generated');
    for (const state of await imageStates(page, [...NEEDS_ALT, 'lazy', 'added'])) {
      expect(state.alt).toMatch(/^Appears to be: \S/);
    }
    expectLeftAlone(await imageStates(page, [...LEFT_ALONE, 'added-decorative']));
    expect(errors).toEqual([]);
    // Sent from the extension's service worker, as pixels: it may read the cross-origin image the page could not.
    await calls.settled();
    expect(calls).toHaveLength(6);
    expect(calls.every((c) => c.status === 200 && c.contentType === 'image/jpeg')).toBe(true);
    await page.evaluate('window.scrollTo(0, 0)');
    await labelGeneratedAlt(page);
    await screenshot(page, 'alt-text-extension-gallery.png');
  });

  it('has a per-site switch in its toolbar popup, followed by open pages without a reload', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // The toolbar popup as Chromium shows it, for the site in the last focused window: opened unfocused, so the
    // gallery's window stays the one it acts on.
    const openPopup = async () => {
      const opened = context.waitForEvent('page');
      await worker.evaluate(
        `chrome.windows.create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', focused: false })`,
      );
      const popup = await opened;
      await popup.waitForFunction(`document.getElementById('site').textContent !== ''`);
      expect(await popup.textContent('#site')).toBe(site.origin);
      return popup;
    };

    const first = await context.newPage();
    await openGallery(first, { tab: '1' }, '/plain');
    await first.waitForSelector('html[data-alt-text-extension=on]');
    const popup = await openPopup();
    expect(await popup.isChecked('#toggle')).toBe(true);
    await popup.uncheck('#toggle');
    await first.waitForSelector('html[data-alt-text-extension=off]');
    await popup.close();

    const page = await context.newPage();
    await openGallery(page, { tab: '2' }, '/plain');
    await page.waitForSelector('html[data-alt-text-extension=off]');
    for (const state of await imageStates(page, NEEDS_ALT)) {
      expect(state).toEqual({ id: state.id, alt: null, mark: null });
    }
    const again = await openPopup();
    expect(await again.isChecked('#toggle')).toBe(false);
    await again.check('#toggle');
    await page.waitForSelector('html[data-alt-text-extension=on]');
    await waitForMarks(page, NEEDS_ALT, 'generated');
  });
});

describe('the demo page', () => {
  it('captions an image (screenshot for the record)', async () => {
    const page = await browser.newPage();
    await page.goto(`${edge.url}/`);
    await page.setInputFiles('#file', {
      name: 'scene.png',
      mimeType: 'image/png',
      buffer: SCENES[3] ?? Buffer.alloc(0),
    });
    await page.waitForSelector('body[data-state="done"]', { timeout: 30_000 });
    expect((await page.textContent('#caption'))?.trim()).not.toBe('');
    await screenshot(page, 'demo-page.png');
    await page.close();
  });
});
