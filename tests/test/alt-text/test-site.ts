// Two local web sites for the alt-text tests: the site under test (pages and same-origin images) and another
// origin serving cross-origin images, one path without CORS headers and one with. Every request is logged, so a
// test can tell which images were loaded, and by whom (a browser, or the edge fetching a URL).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { repoRoot } from '../edge/harness.ts';

export interface SiteRequest {
  path: string;
  userAgent: string;
}

export interface Site {
  readonly origin: string;
  readonly requests: SiteRequest[];
  close(): Promise<void>;
}

const samples = join(repoRoot, 'models/scenes-small/samples');
export const SCENES = [
  'test-comp-4000000.png',
  'test-comp-4000001.png',
  'test-comp-4000002.png',
  'test-comp-4000003.png',
  'test-style-3000000.png',
  'test-style-3000001.png',
  'test-style-3000002.png',
  'test-style-3000003.png',
].map((name) => readFileSync(join(samples, name)));

/** The images both sites serve: the shipped model's sample scenes, one of them as a large photo-sized PNG. */
export async function siteImages(): Promise<Map<string, { type: string; body: Buffer }>> {
  const images = new Map<string, { type: string; body: Buffer }>();
  for (const [i, body] of SCENES.entries()) images.set(`/img/scene-${i}.png`, { type: 'image/png', body });
  const large = await sharp(SCENES[0]).resize(1024, 768, { kernel: 'nearest' }).png().toBuffer();
  images.set('/img/large.png', { type: 'image/png', body: large });
  const tiny = await sharp(SCENES[1]).resize(32, 32).png().toBuffer();
  images.set('/img/tiny.png', { type: 'image/png', body: tiny });
  images.set('/img/shape.svg', {
    type: 'image/svg+xml',
    body: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><circle cx="60" cy="60" r="50" fill="red"/></svg>',
    ),
  });
  return images;
}

/** Serves `pages` (path → HTML, or JavaScript for paths ending .js) and the images; paths under /cors/ carry `Access-Control-Allow-Origin: *`. */
export async function startSite(
  images: Map<string, { type: string; body: Buffer }>,
  pages: (path: string, query: URLSearchParams) => string | undefined,
): Promise<Site> {
  const requests: SiteRequest[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site.test');
    requests.push({ path: url.pathname + url.search, userAgent: request.headers['user-agent'] ?? '' });
    const cors = url.pathname.startsWith('/cors/');
    const image = images.get(cors ? url.pathname.replace('/cors/', '/img/') : url.pathname);
    if (image !== undefined) {
      response.writeHead(200, {
        'content-type': image.type,
        'cache-control': 'no-store',
        ...(cors ? { 'access-control-allow-origin': '*' } : {}),
      });
      response.end(image.body);
      return;
    }
    const page = pages(url.pathname, url.searchParams);
    if (page === undefined) {
      response.writeHead(404).end();
      return;
    }
    const type = url.pathname.endsWith('.js') ? 'application/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Ids of the gallery's images that must get alt text, and of those that must be left exactly as they are. */
export const NEEDS_ALT = ['large', 'large-copy', 'cross', 'cross-cors', 'srcset'];
export const LEFT_ALONE = [
  'author',
  'empty-alt',
  'presentation',
  'none',
  'hidden',
  'tiny',
  'svg',
  'icon',
  'opted-out',
];

/**
 * The test gallery: a mix of images that need alt text and images that must be left alone, a lazy image far
 * below the fold, and `window.addImages()` that adds more after load. `script` is our tag (or nothing, for the
 * extension).
 */
export function galleryPage(crossOrigin: string, script: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gallery</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1rem; } img { margin: 4px; vertical-align: top; }
  img[data-alt-text=generated] { outline: 4px solid #2a6; } .label { font-size: 12px; color: #155; max-width: 220px; display: inline-block; }
</style></head>
<body>
<h1>Gallery</h1>
<img id="large" src="/img/large.png" width="200" height="150">
<img id="large-copy" src="/img/large.png" width="200" height="150">
<img id="author" src="/img/scene-1.png" alt="Two maple leaves">
<img id="empty-alt" src="/img/scene-2.png" alt="">
<img id="presentation" src="/img/scene-3.png" role="presentation">
<img id="none" src="/img/scene-3.png" role="none">
<span aria-hidden="true"><img id="hidden" src="/img/scene-4.png"></span>
<img id="tiny" src="/img/tiny.png">
<img id="svg" src="/img/shape.svg" width="120" height="120">
<img id="icon" class="icon" src="/img/scene-5.png" width="64" height="64">
<div data-alt-text="off"><img id="opted-out" src="/img/scene-5.png"></div>
<img id="cross" src="${crossOrigin}/img/scene-6.png">
<img id="cross-cors" src="${crossOrigin}/cors/scene-7.png" crossorigin="anonymous">
<img id="srcset" src="/img/scene-4.png?fallback" srcset="/img/scene-4.png?chosen 1x">
<div style="height: 6000px">(scroll)</div>
<img id="lazy" loading="lazy" src="/img/scene-2.png?lazy" width="160" height="160">
<div id="later"></div>
<p id="page-state">page script not run</p>
<script>
  document.getElementById('page-state').textContent = 'page script ran';
  window.addImages = () => {
    const figure = document.createElement('figure');
    figure.innerHTML = '<img id="added" src="/img/scene-3.png?added"><img id="added-decorative" src="/img/scene-3.png?added-decorative" alt="">';
    document.getElementById('later').append(figure);
  };
</script>
${script}
</body></html>`;
}
