/**
 * Debian's Chromium for the render page: headless, WebGL 2 through SwiftShader. Launched as a server so its
 * process can be killed: a hung or stopped browser (seen here: every Chromium process in state T for minutes)
 * answers no close request, and one stuck model must not stall a run of hundreds.
 */
import { type Browser, type BrowserServer, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../browser/chromium.ts';

const CLOSE_TIMEOUT_MS = 10_000;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RenderBrowser {
  private constructor(
    private readonly server: BrowserServer,
    readonly browser: Browser,
  ) {}

  static async launch(): Promise<RenderBrowser> {
    const server = await chromium.launchServer({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    try {
      return new RenderBrowser(server, await chromium.connect(server.wsEndpoint()));
    } catch (error) {
      await server.kill();
      throw error;
    }
  }

  /** The browser's main process, as the system lists it. */
  get pid(): number | undefined {
    return this.server.process().pid;
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  /** Closes the browser, or kills it where it does not close in time. */
  async close(): Promise<void> {
    try {
      await withTimeout(this.browser.close(), CLOSE_TIMEOUT_MS, 'closing the browser');
      await withTimeout(this.server.close(), CLOSE_TIMEOUT_MS, 'stopping the browser');
    } catch {
      await this.kill();
    }
  }

  kill(): Promise<void> {
    return this.server.kill();
  }
}
