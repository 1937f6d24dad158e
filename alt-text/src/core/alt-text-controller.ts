import { CaptionApiError } from '@captioner/shared/client/index.ts';
import { CaptionQueue } from './caption-queue.ts';
import type { Captioner } from './captioner.ts';
import { uploadFor } from './downsize.ts';
import { imageSource, markupSkipReason, skipReason } from './eligibility.ts';
import { type CachedCaption, SessionCache } from './session-cache.ts';
import type { AltTextSettings } from './settings.ts';
import { altTextFor } from './wording.ts';

/** Marks what the plugin did, so authors can find generated alt text and review it (`[data-alt-text]`). */
export const MARK = 'data-alt-text';
export const CONFIDENCE_MARK = 'data-alt-text-confidence';
export const RELIABILITY_MARK = 'data-alt-text-reliability';
type Outcome = 'generated' | 'low-confidence' | 'failed';

export interface ControllerOptions {
  settings: Pick<AltTextSettings, 'wording' | 'threshold' | 'concurrency' | 'maxSide'>;
  captioner: Captioner;
  /** Separates cached captions of different services or wordings. */
  cacheNamespace: string;
  document?: Document;
  /** Where the plugin reports trouble; it never throws into the page. */
  warn?: (message: string) => void;
}

/**
 * Finds images that need alt text, now and as the page changes, and writes captions into them. Images are looked
 * at only when they come near the viewport (so lazy images are captioned when they load, and nothing the reader
 * never scrolls to is sent), each image URL at most once per session.
 */
export class AltTextController {
  readonly #document: Document;
  readonly #queue: CaptionQueue;
  readonly #cache: SessionCache;
  /** The URL each image was captioned for (or is being captioned for). */
  readonly #handled = new WeakMap<HTMLImageElement, string>();
  /** The alt text the plugin wrote, to tell its own changes from the page's. */
  readonly #written = new WeakMap<HTMLImageElement, string>();
  readonly #mutations: MutationObserver;
  readonly #intersections: IntersectionObserver;
  #running = false;

  constructor(readonly options: ControllerOptions) {
    this.#document = options.document ?? document;
    this.#cache = new SessionCache(options.cacheNamespace);
    this.#queue = new CaptionQueue({
      concurrency: options.settings.concurrency,
      onStop: (error) => this.#warn(`stopped: ${error.code}: ${error.message}`),
    });
    this.#mutations = new MutationObserver((records) => this.#guard(() => this.#onMutations(records)));
    this.#intersections = new IntersectionObserver(
      (entries) =>
        this.#guard(() => {
          for (const entry of entries) {
            if (!entry.isIntersecting || !(entry.target instanceof HTMLImageElement)) continue;
            this.#intersections.unobserve(entry.target);
            this.#whenLoaded(entry.target);
          }
        }),
      { rootMargin: '200px' },
    );
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#guard(() => {
      for (const img of Array.from(this.#document.images)) this.#watch(img);
      this.#mutations.observe(this.#document.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['src', 'srcset', 'alt', 'role', 'aria-hidden', 'aria-label', 'aria-labelledby'],
      });
    });
  }

  /** Stops looking; alt text already written stays. */
  stop(): void {
    this.#running = false;
    this.#mutations.disconnect();
    this.#intersections.disconnect();
  }

  #watch(img: HTMLImageElement): void {
    if (!this.#running || markupSkipReason(img) !== undefined) return;
    if (this.#handled.get(img) === imageSource(img)) return;
    this.#intersections.observe(img);
  }

  #whenLoaded(img: HTMLImageElement): void {
    if (img.complete && img.naturalWidth > 0) {
      void this.#consider(img);
      return;
    }
    // Not loaded yet (lazy, slow) or broken: a broken image never fires load, and is never sent.
    img.addEventListener('load', () => this.#guard(() => void this.#consider(img)), { once: true });
  }

  async #consider(img: HTMLImageElement): Promise<void> {
    const url = imageSource(img);
    if (!this.#running || this.#handled.get(img) === url || skipReason(img) !== undefined) return;
    this.#handled.set(img, url);
    try {
      const caption = await this.#cache.get(url, () => this.#queue.run(() => this.#caption(img, url)));
      if (caption !== undefined) this.#apply(img, url, caption);
    } catch (error) {
      if (this.#stillOurs(img, url)) this.#mark(img, 'failed');
      if (!(error instanceof CaptionApiError)) this.#warn(`captioning ${url} failed: ${String(error)}`);
    }
  }

  async #caption(img: HTMLImageElement, url: string): Promise<CachedCaption | undefined> {
    const upload = await uploadFor(img, url, this.options.settings.maxSide);
    return upload === undefined ? undefined : this.options.captioner(upload);
  }

  /** The image still shows what was captioned, and nobody has given it alt text meanwhile. */
  #stillOurs(img: HTMLImageElement, url: string): boolean {
    return imageSource(img) === url && !img.hasAttribute('alt') && markupSkipReason(img) === undefined;
  }

  #apply(img: HTMLImageElement, url: string, caption: CachedCaption): void {
    if (!this.#stillOurs(img, url)) return;
    const { wording, threshold } = this.options.settings;
    const alt = altTextFor(caption, wording, threshold);
    img.setAttribute(CONFIDENCE_MARK, caption.confidence.toFixed(2));
    if (caption.reliability !== null) img.setAttribute(RELIABILITY_MARK, caption.reliability.toFixed(2));
    if (alt === undefined) {
      this.#mark(img, 'low-confidence');
      return;
    }
    this.#written.set(img, alt);
    img.setAttribute('alt', alt);
    this.#mark(img, 'generated');
  }

  #mark(img: HTMLImageElement, outcome: Outcome): void {
    img.setAttribute(MARK, outcome);
  }

  #onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of Array.from(record.addedNodes)) {
          if (node instanceof HTMLImageElement) this.#watch(node);
          else if (node instanceof Element)
            for (const img of Array.from(node.querySelectorAll('img'))) this.#watch(img);
        }
        continue;
      }
      const img = record.target;
      if (!(img instanceof HTMLImageElement)) continue;
      const written = this.#written.get(img);
      if (record.attributeName === 'alt' && written !== undefined && img.getAttribute('alt') === written)
        continue;
      if (record.attributeName === 'src' || record.attributeName === 'srcset') {
        // A new picture in the same element: the old description (or verdict) is wrong now.
        if (written !== undefined) img.removeAttribute('alt');
        this.#forget(img);
      } else if (written !== undefined) {
        // The page wrote its own alt (or hid the image): it is no longer ours to mark.
        this.#forget(img);
      }
      this.#watch(img);
    }
  }

  #forget(img: HTMLImageElement): void {
    this.#written.delete(img);
    img.removeAttribute(MARK);
    img.removeAttribute(CONFIDENCE_MARK);
    img.removeAttribute(RELIABILITY_MARK);
  }

  #guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#warn(String(error));
    }
  }

  #warn(message: string): void {
    try {
      (this.options.warn ?? ((m: string) => console.warn(`alt-text: ${m}`)))(message);
    } catch {
      // Even a broken console must not reach the page.
    }
  }
}
