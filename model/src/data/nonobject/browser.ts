/**
 * Drives Debian's Chromium (scripts/setup-browser.sh) with playwright-core: one browser for the whole run,
 * a few tabs rendering pages in turn, each tab's context replaced after a bounded number of pages so memory
 * stays flat over thousands of shots. Pages are static (no scripts, no animation), so each shot is one
 * layout and one paint; nothing renders between shots.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../browser/chromium.ts';
import type { Clip, Frame } from './frame.ts';

/** A fresh context this often, so the renderer's caches cannot grow without bound. */
const PAGES_PER_CONTEXT = 200;
/** A page that takes longer than this to load or shoot is a bug in its generator: fail loudly. */
const SHOT_TIMEOUT_MS = 30_000;

export interface PageShot {
  html: string;
  frame: Frame;
}

interface Tab {
  context: BrowserContext;
  page: Page;
  shots: number;
}

/**
 * How far down the viewport the page's content reaches, in viewport pixels (zoom included) with a small
 * margin: the body's children's bottoms, read after scrolling. A crop is taken within this band and a fitted
 * shot is cut at it, so neither lands on the empty viewport below a short page.
 */
async function contentHeight(page: Page, frame: Frame): Promise<number> {
  // Page code as text: model's tsconfig has no DOM types.
  const bottom = await page.evaluate<number>(
    'Math.max(0, ...[...document.body.children].map((e) => e.getBoundingClientRect().bottom))',
  );
  const floor = Math.round(frame.width * 0.3);
  return Math.min(frame.height, Math.max(floor, Math.ceil(bottom + 12 * frame.zoom)));
}

/** The shot's rectangle: the crop's fractions of the content band, the band itself, or the whole viewport. */
function shotClip(frame: Frame, content: number): Clip {
  if (frame.clip === null && !frame.fit) return { x: 0, y: 0, width: frame.width, height: frame.height };
  const fraction = frame.clip ?? { x: 0, y: 0, width: 1, height: 1 };
  return {
    x: Math.round(fraction.x * frame.width),
    y: Math.round(fraction.y * content),
    width: Math.max(1, Math.round(fraction.width * frame.width)),
    height: Math.max(1, Math.round(fraction.height * content)),
  };
}

export class PageShooter {
  private readonly idle: Tab[] = [];
  private readonly waiting: ((tab: Tab) => void)[] = [];

  private constructor(private readonly browser: Browser) {}

  /** `tabs` pages render at once; two keep both cores busy while one tab's PNG is being encoded. */
  static async launch(tabs = 2): Promise<PageShooter> {
    // launch() gives the browser a fresh temporary profile of its own (environment.md's fresh --user-data-dir).
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    const shooter = new PageShooter(browser);
    for (let i = 0; i < tabs; i++) shooter.idle.push(await shooter.openTab());
    return shooter;
  }

  private async openTab(): Promise<Tab> {
    const context = await this.browser.newContext({ deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(SHOT_TIMEOUT_MS);
    return { context, page, shots: 0 };
  }

  private acquire(): Promise<Tab> {
    const tab = this.idle.pop();
    if (tab !== undefined) return Promise.resolve(tab);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(tab: Tab): void {
    const next = this.waiting.shift();
    if (next === undefined) this.idle.push(tab);
    else next(tab);
  }

  /** A PNG of the page as the frame cuts it. Waits for a free tab. */
  async shoot(shot: PageShot): Promise<Buffer> {
    let tab = await this.acquire();
    try {
      if (tab.shots >= PAGES_PER_CONTEXT) {
        await tab.context.close();
        tab = await this.openTab();
      }
      tab.shots += 1;
      const { page } = tab;
      await page.setViewportSize({ width: shot.frame.width, height: shot.frame.height });
      await page.setContent(shot.html, { waitUntil: 'load' });
      if (shot.frame.scroll > 0) {
        await page.evaluate(
          `window.scrollTo(0, Math.round(${shot.frame.scroll} * Math.max(0, document.scrollingElement.scrollHeight - innerHeight)))`,
        );
      }
      const content = await contentHeight(page, shot.frame);
      return await page.screenshot({
        type: 'png',
        clip: shotClip(shot.frame, content),
        animations: 'disabled',
        caret: 'hide',
      });
    } finally {
      this.release(tab);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
