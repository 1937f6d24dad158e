// The demo page in a real headless Chromium (Debian's, driven by playwright-core): choose or drop an image, the
// caption streams in as words, alternatives and confidence appear, and hovering a word paints its attention map.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { launchBrowser } from '../alt-text/browser.ts';
import { type Edge, freePort, type GpuWorker, makeKey, startEdge, startGpuWorker } from './harness.ts';
import { encode } from './images.ts';

let worker: GpuWorker;
let edge: Edge;
let browser: Browser;
let png: Buffer;

beforeAll(async () => {
  png = await encode('png', 64, 48);
  const port = await freePort();
  const demoKey = makeKey('demo', 'publishable', { origins: [`http://127.0.0.1:${port}`] });
  worker = await startGpuWorker(exportTinyModel());
  edge = await startEdge({
    gpuWorkers: [worker.url],
    keys: [demoKey],
    vars: { DEMO_PUBLISHABLE_KEY: demoKey.key },
    port,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await edge?.dispose();
  await worker?.stop();
});

interface Shown {
  words: string[];
  alternatives: string[];
  meta: string;
}

async function captionShown(page: Page): Promise<Shown> {
  await page.waitForSelector('body[data-state="done"]', { timeout: 30_000 });
  return page.evaluate<Shown>(`({
    words: [...document.querySelectorAll('#caption span')].map((s) => s.textContent),
    alternatives: [...document.querySelectorAll('#alternatives li')].map((li) => li.textContent),
    meta: document.getElementById('meta').textContent,
  })`);
}

/** Opaque pixels on the attention canvas. */
function paintedPixels(page: Page): Promise<number> {
  // Page-side code is passed as text: it runs in the browser, and this project does not type-check against the DOM.
  return page.evaluate<number>(`(() => {
    const canvas = document.getElementById('heat');
    if (canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  })()`);
}

describe('the demo page', () => {
  it('captions a chosen image word by word, lists alternatives, and maps attention on hover', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${edge.url}/`);
    // Record word spans as they are added (page-side code as text: it runs in the browser, and this project is
    // not type-checked against the DOM).
    await page.evaluate(`(() => {
      window.added = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'SPAN') window.added.push(n.textContent);
      }).observe(document.getElementById('caption'), { childList: true });
    })()`);
    await page.setInputFiles('#file', { name: 'scene.png', mimeType: 'image/png', buffer: png });
    const shown = await captionShown(page);
    expect(errors).toEqual([]);
    expect(shown.words.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.added')).toEqual(shown.words);
    // beams 3 → three alternatives, the first being the streamed caption, each with its score.
    expect(shown.alternatives).toHaveLength(3);
    expect(shown.alternatives[0]).toMatch(new RegExp(`^${shown.words.join(' ')} \\(-?\\d+\\.\\d{3}\\)$`));
    expect(shown.meta).toMatch(/^confidence \d\.\d{3} · model · \d+ ms$/);

    expect(await paintedPixels(page)).toBe(0);
    await page.hover('#caption span[data-index="0"]');
    expect(await paintedPixels(page)).toBeGreaterThan(0);
    await page.mouse.move(0, 0);
    expect(await paintedPixels(page)).toBe(0);
    await page.close();
  });

  it('captions a dropped image, and shows the error of an unsupported one', async () => {
    const page = await browser.newPage();
    await page.goto(`${edge.url}/`);
    const drop = (bytes: number[], type: string) =>
      page.evaluate(`(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(${JSON.stringify(bytes)})], 'dropped', { type: ${JSON.stringify(type)} }));
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
      })()`);
    await drop([...png], 'image/png');
    expect((await captionShown(page)).words.length).toBeGreaterThan(0);
    await drop([...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')], 'image/svg+xml');
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#error')).toBe(
      'SVG images are not supported; send JPEG, PNG, WebP or GIF',
    );
    await page.close();
  });
});
