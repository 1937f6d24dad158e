/**
 * Renders views of 3-D models as cut-outs: `<outDir>/<view>.png`, 192 x 192 with alpha, view `v` of a model drawn
 * from (instanceId, v, seed) alone. Views already on disk are kept, so an interrupted run resumes where it stopped.
 * One browser, one page, one frame at a time; the page is replaced every few models (bounded memory) and after a
 * failure (a crashed or hung page must not take the other models down with it). A model that fails is reported
 * in its result, and the others are rendered.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { RenderBrowser } from './render-browser.ts';
import { type ModelToLoad, RenderPage } from './render-page.ts';
import { sampleView } from './view-sampling.ts';

export interface RenderJob {
  instanceId: string;
  objPath: string;
  rotation?: readonly number[];
  dimensions?: ModelToLoad['dimensions'];
  outDir: string;
  views: number;
  seed: number;
}

export interface RenderedModel {
  instanceId: string;
  /** `<outDir>/<view>.png` for every view on disk, rendered now or before. */
  paths: string[];
  /** Views rendered in this call (the rest were on disk). */
  rendered: number;
  /** Why the model's missing views could not be rendered; absent when all are on disk. */
  error?: string;
  /** Textures the model's materials name that could not be loaded (only known when the model was loaded). */
  missingTextures: string[];
}

export interface RenderedView {
  instanceId: string;
  view: number;
  path: string;
  /** true when the view was on disk already. */
  cached: boolean;
}

export interface RenderOptions {
  /** Side of the square PNG in pixels. */
  size?: number;
  /** Models per page before it is replaced. */
  modelsPerPage?: number;
  /** Called as each model is done, rendered or not. */
  onModel?: (model: RenderedModel) => void;
}

export const VIEW_SIZE = 192;
const MODELS_PER_PAGE = 20;

export function viewPath(outDir: string, view: number): string {
  return join(outDir, `${view}.png`);
}

/** A view without one visible pixel: the model loaded but draws nothing (lines only, all transparent, empty). */
async function isBlank(png: Buffer): Promise<boolean> {
  const { channels } = await sharp(png).stats();
  return (channels[3]?.max ?? 0) === 0;
}

/** Write then rename: a reader (or a rerun's cache check) must never see half a PNG. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}

/**
 * One browser and its current page, opened when first needed; the page is replaced after `modelsPerPage` models
 * and after a failure, the browser when it has died or hangs.
 */
class RenderSession {
  private browser: RenderBrowser | undefined;
  private page: RenderPage | undefined;
  private modelsOnPage = 0;

  constructor(private readonly modelsPerPage: number) {}

  async pageForNextModel(): Promise<RenderPage> {
    if (this.page === undefined || this.modelsOnPage >= this.modelsPerPage) {
      await this.discardPage();
      this.browser ??= await RenderBrowser.launch();
      this.page = await RenderPage.open(this.browser.browser);
      this.modelsOnPage = 0;
    }
    this.modelsOnPage += 1;
    return this.page;
  }

  /** Closes the page; a browser that has died, or cannot close a page, is killed and replaced next time. */
  async discardPage(): Promise<void> {
    const closed = (await this.page?.close()) ?? true;
    this.page = undefined;
    if (this.browser !== undefined && (!closed || !this.browser.connected)) {
      await this.browser.kill();
      this.browser = undefined;
    }
  }

  async close(): Promise<void> {
    await this.discardPage();
    await this.browser?.close();
    this.browser = undefined;
  }
}

async function renderMissingViews(
  page: RenderPage,
  job: RenderJob,
  missing: readonly number[],
  size: number,
  result: RenderedModel,
  onView?: (view: RenderedView) => void,
): Promise<void> {
  const loaded = await page.load(job);
  result.missingTextures = loaded.missingTextures;
  mkdirSync(job.outDir, { recursive: true });
  for (const view of missing) {
    const png = await page.render(sampleView(job.instanceId, view, job.seed), size);
    // Training on an empty picture named "piano bench" would teach the caption to see what is not there.
    if (await isBlank(png)) throw new Error(`view ${view} shows nothing`);
    const path = viewPath(job.outDir, view);
    writeAtomically(path, png);
    result.rendered += 1;
    onView?.({ instanceId: job.instanceId, view, path, cached: false });
  }
}

export async function renderViews(
  jobs: readonly RenderJob[],
  onView?: (view: RenderedView) => void,
  options: RenderOptions = {},
): Promise<RenderedModel[]> {
  const size = options.size ?? VIEW_SIZE;
  const session = new RenderSession(options.modelsPerPage ?? MODELS_PER_PAGE);
  const results: RenderedModel[] = [];
  try {
    for (const job of jobs) {
      const views = Array.from({ length: job.views }, (_, view) => view);
      const missing = views.filter((view) => !existsSync(viewPath(job.outDir, view)));
      for (const view of views) {
        if (missing.includes(view)) continue;
        onView?.({ instanceId: job.instanceId, view, path: viewPath(job.outDir, view), cached: true });
      }
      const result: RenderedModel = {
        instanceId: job.instanceId,
        paths: [],
        rendered: 0,
        missingTextures: [],
      };
      results.push(result);
      if (missing.length > 0) {
        try {
          await renderMissingViews(await session.pageForNextModel(), job, missing, size, result, onView);
        } catch (error) {
          result.error = error instanceof Error ? error.message : String(error);
          await session.discardPage();
        }
      }
      result.paths = views.map((view) => viewPath(job.outDir, view)).filter((path) => existsSync(path));
      options.onModel?.(result);
    }
  } finally {
    await session.close();
  }
  return results;
}
