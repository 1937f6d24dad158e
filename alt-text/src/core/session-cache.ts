/** A caption as the plugin keeps it. */
export interface CachedCaption {
  caption: string;
  confidence: number;
  /** null when the service has no verifier. */
  reliability: number | null;
}

/**
 * Captions by image URL for the browsing session, so no image is sent twice: in memory for this page (in-flight
 * requests included, so two copies of one image share one request), and in `sessionStorage` across the tab's
 * pages when the page allows it (sandboxed frames and some privacy modes throw on access: then memory only).
 */
export class SessionCache {
  readonly #pending = new Map<string, Promise<CachedCaption | undefined>>();
  readonly #storageKey: string;
  /** Read once: sessionStorage belongs to this tab, and only this cache writes its key. */
  readonly #stored: Record<string, CachedCaption>;

  constructor(namespace: string) {
    // v2: entries carry reliability; v1 entries (confidence only) are left to expire with the tab.
    this.#storageKey = `alt-text:v2:${namespace}`;
    this.#stored = this.#read();
  }

  /** The caption of `url`, computing it once with `compute` (a failure is not cached: a later sighting retries). */
  get(url: string, compute: () => Promise<CachedCaption | undefined>): Promise<CachedCaption | undefined> {
    const known = this.#pending.get(url);
    if (known !== undefined) return known;
    const stored = this.#stored[url];
    const promise = stored !== undefined ? Promise.resolve(stored) : compute();
    this.#pending.set(url, promise);
    promise.then(
      (caption) => {
        if (caption !== undefined && stored === undefined) this.#write(url, caption);
      },
      () => this.#pending.delete(url),
    );
    return promise;
  }

  #read(): Record<string, CachedCaption> {
    try {
      const text = globalThis.sessionStorage?.getItem(this.#storageKey);
      const value: unknown = text ? JSON.parse(text) : {};
      return typeof value === 'object' && value !== null ? (value as Record<string, CachedCaption>) : {};
    } catch {
      return {};
    }
  }

  #write(url: string, caption: CachedCaption): void {
    this.#stored[url] = {
      caption: caption.caption,
      confidence: caption.confidence,
      reliability: caption.reliability,
    };
    try {
      globalThis.sessionStorage?.setItem(this.#storageKey, JSON.stringify(this.#stored));
    } catch {
      // Full or forbidden: the in-memory copy still serves this page.
    }
  }
}
