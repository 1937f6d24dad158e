/**
 * The Node side of the render page: one page that loads a model and renders its views one frame at a time, each
 * awaited, because a page spinning in a render loop crashed Chromium here (../shared/notes/data-sources.md).
 */
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PAGE_ORIGIN, PageFiles } from './page-files.ts';
import { withTimeout } from './render-browser.ts';
import type { ViewSpec } from './view-sampling.ts';

export interface ModelToLoad {
  /** The OBJ file; its MTL and textures are looked up beside it. */
  objPath: string;
  /** Sweet Home 3D's modelRotation: a row-major 3x3 matrix that stands the model upright. */
  rotation?: readonly number[];
  /** The catalogue's size (any unit; y up, depth along z): Sweet Home 3D stretches the rotated model's box to it. */
  dimensions?: { width: number; depth: number; height: number };
}

export interface LoadedModel {
  /** Vertices used for framing (a sample of the model's). */
  vertices: number;
  /** Texture URLs that failed to load; those materials keep their plain colour. */
  missingTextures: string[];
}

/** What scene.js puts on the page's global object. */
interface RenderGlobals {
  render3d: {
    loadModel(
      args: { baseUrl: string; objFile: string } & Omit<ModelToLoad, 'objPath'>,
    ): Promise<LoadedModel>;
    renderView(spec: ViewSpec, size: number): string;
  };
}

const LOAD_TIMEOUT_MS = 180_000;
const VIEW_TIMEOUT_MS = 60_000;

const CLOSE_TIMEOUT_MS = 10_000;

export class RenderPage {
  /** Errors the page reported (script errors, console errors), for the message when something fails. */
  private readonly pageErrors: string[] = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly files: PageFiles,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(message.text());
    });
  }

  static async open(browser: Browser): Promise<RenderPage> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = new PageFiles();
    await page.route('**/*', files.handle);
    const renderPage = new RenderPage(context, page, files);
    await page.goto(`${PAGE_ORIGIN}/`);
    await page.waitForFunction('globalThis.render3d !== undefined', undefined, { timeout: 30_000 });
    return renderPage;
  }

  async load(model: ModelToLoad): Promise<LoadedModel> {
    const args = {
      baseUrl: this.files.serveModel(dirname(model.objPath)),
      objFile: model.objPath.slice(dirname(model.objPath).length + 1),
      rotation: model.rotation,
      dimensions: model.dimensions,
    };
    this.pageErrors.length = 0;
    const loading = this.page.evaluate(
      // The page's global is typed by RenderGlobals above; the cast is the one place that trusts scene.js.
      (loadArgs) => (globalThis as unknown as RenderGlobals).render3d.loadModel(loadArgs),
      args,
    );
    return this.explain(withTimeout(loading, LOAD_TIMEOUT_MS, `loading ${model.objPath}`));
  }

  /** Renders one view of the loaded model: a `size` x `size` PNG with alpha. */
  async render(spec: ViewSpec, size: number): Promise<Buffer> {
    const rendering = this.page.evaluate(
      ([viewSpec, pixels]) => (globalThis as unknown as RenderGlobals).render3d.renderView(viewSpec, pixels),
      [spec, size] as const,
    );
    const dataUrl = await this.explain(withTimeout(rendering, VIEW_TIMEOUT_MS, 'rendering a view'));
    const prefix = 'data:image/png;base64,';
    if (!dataUrl.startsWith(prefix)) throw new Error(`the page returned no PNG (${dataUrl.slice(0, 40)})`);
    return Buffer.from(dataUrl.slice(prefix.length), 'base64');
  }

  /** Closes the page; false where it did not close in time (the browser is hung and must be killed). */
  close(): Promise<boolean> {
    return withTimeout(this.context.close(), CLOSE_TIMEOUT_MS, 'closing the page').then(
      () => true,
      () => false,
    );
  }

  private async explain<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const page = this.pageErrors.length > 0 ? ` (page: ${this.pageErrors.slice(0, 3).join('; ')})` : '';
      throw new Error(`${message.split('\n')[0]}${page}`);
    }
  }
}
