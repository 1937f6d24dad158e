/**
 * What the render page may load, answered from disk through Playwright's request interception: the page script,
 * three.js from node_modules, and the files of the one model being rendered. No server and no network: the page's
 * origin is a name that cannot resolve, and everything under it is answered here or refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from 'playwright-core';

export const PAGE_ORIGIN = 'http://render3d.invalid';

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
// require.resolve('three') gives build/three.cjs; the package root is two levels up.
const THREE_DIR = dirname(dirname(createRequire(import.meta.url).resolve('three')));
const PAGE_SCRIPTS = new Set(['scene.js', 'framing.js', 'geometry.js', 'materials.js']);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
};

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8">
<script type="importmap">{"imports": {
  "three": "/three/build/three.module.js",
  "three/addons/": "/three/examples/jsm/"
}}</script>
<script type="module" src="/scene.js"></script>
</head><body></body></html>`;

/** `relative` inside `root`, or undefined where it climbs out. */
function inside(root: string, relative: string): string | undefined {
  const path = normalize(join(root, relative));
  return path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/**
 * A texture named by an exporter's absolute path (`C:/Documents and Settings/.../wood.jpg`) or in another case is
 * often beside the model under its base name; Sweet Home 3D finds those too.
 */
function findBeside(modelDir: string, requested: string): string | undefined {
  const wanted = basename(requested.replaceAll('\\', '/')).toLowerCase();
  const match = readdirSync(modelDir).find((name) => name.toLowerCase() === wanted);
  return match === undefined ? undefined : join(modelDir, match);
}

export class PageFiles {
  /** The folder of the model being rendered; its files are served under `/model/<generation>/`. */
  private modelDir: string | undefined;
  private generation = 0;

  /** Serves `modelDir` from now on and returns the URL prefix its files have (new each time: no stale cache). */
  serveModel(modelDir: string): string {
    this.modelDir = modelDir;
    this.generation += 1;
    return `${PAGE_ORIGIN}/model/${this.generation}/`;
  }

  /** The file a page URL names, or undefined for a 404. */
  resolve(url: URL): string | undefined {
    const path = decodeURIComponent(url.pathname);
    if (path === '/') return undefined;
    if (PAGE_SCRIPTS.has(path.slice(1))) return join(SCRIPT_DIR, path.slice(1));
    if (path.startsWith('/three/build/') || path.startsWith('/three/examples/jsm/')) {
      return inside(THREE_DIR, path.slice('/three/'.length));
    }
    const model = /^\/model\/(\d+)\/(.+)$/.exec(path);
    if (model && Number(model[1]) === this.generation && this.modelDir !== undefined) {
      const relative = model[2] ?? '';
      return inside(this.modelDir, relative) ?? findBeside(this.modelDir, relative);
    }
    return undefined;
  }

  readonly handle = async (route: Route): Promise<void> => {
    const url = new URL(route.request().url());
    if (url.origin !== PAGE_ORIGIN) return route.abort('blockedbyclient');
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: PAGE_HTML });
    const file = this.resolve(url);
    if (file === undefined) return route.fulfill({ status: 404, body: '' });
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return route.fulfill({ contentType, body: readFileSync(file) });
  };
}
