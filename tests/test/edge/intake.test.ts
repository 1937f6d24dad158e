// Image intake in the real runtime: format from the bytes, pixel budget before decoding, EXIF orientation, first
// frame of animations, and the three body encodings. Same pixels must give the same caption and scores, which a
// random tiny model makes a sharp test of "the edge decoded exactly these pixels".
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import {
  type CaptionBody,
  type Edge,
  type ErrorBody,
  type GpuWorker,
  jsonOf,
  makeKey,
  startEdge,
  startGpuWorker,
} from './harness.ts';
import { encode, pattern } from './images.ts';

const key = makeKey('test', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 16 });
const MAX_IMAGE_BYTES = 400_000;
const MAX_IMAGE_PIXELS = 4_000_000;
let worker: GpuWorker;
let edge: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(exportTinyModel());
  edge = await startEdge({
    gpuWorkers: [worker.url],
    keys: [key],
    vars: { MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES), MAX_IMAGE_PIXELS: String(MAX_IMAGE_PIXELS) },
  });
});
afterAll(async () => {
  await edge?.dispose();
  await worker?.stop();
});

interface Caption {
  caption: string;
  alternatives: { caption: string; score: number }[];
  image: { format: string; width: number; height: number };
}

async function caption(
  body: RequestInit['body'],
  contentType: string,
  query = '?beams=3',
): Promise<Response> {
  return fetch(`${edge.url}/v1/captions${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': contentType },
    body,
  });
}

async function ok(response: Response): Promise<Caption> {
  const body = await jsonOf<CaptionBody>(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

async function refused(response: Response, status: number, code: string): Promise<string> {
  const body = await jsonOf<ErrorBody>(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe('image formats', () => {
  it('decodes JPEG, PNG, WebP and GIF, naming the format read from the bytes', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'gif'] as const) {
      const body = await ok(await caption(await encode(format, 48, 36), `image/${format}`));
      expect(body.image).toEqual({ format, width: 48, height: 36 });
    }
  });

  it('trusts the bytes, not the Content-Type: a PNG sent as image/jpeg is read as the same PNG', async () => {
    const png = await encode('png', 40, 30);
    const honest = await ok(await caption(png, 'image/png'));
    const mislabelled = await ok(await caption(png, 'image/jpeg'));
    expect(mislabelled.image.format).toBe('png');
    expect(mislabelled.alternatives).toEqual(honest.alternatives);
  });

  it('refuses SVG with 415, naming it', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    expect(await refused(await caption(svg, 'image/svg+xml'), 415, 'unsupported_media_type')).toBe(
      'SVG images are not supported; send JPEG, PNG, WebP or GIF',
    );
  });

  it('refuses bytes that are no image with 415, and a body type it does not take with 415', async () => {
    await refused(await caption('definitely not an image', 'image/png'), 415, 'unsupported_media_type');
    await refused(await caption('hello', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('refuses a truncated JPEG with 422, and decodes the next image normally', async () => {
    const jpeg = await encode('jpeg', 64, 64);
    await refused(
      await caption(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'),
      422,
      'invalid_image',
    );
    await ok(await caption(jpeg, 'image/jpeg'));
  });
});

describe('size limits', () => {
  it('refuses a decompression bomb by its header with 413, before decoding, and keeps serving', async () => {
    // 6000 × 6000 white PNG: ~100 KB on the wire, 144 MB as RGBA, over the 4 MP budget.
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MAX_IMAGE_BYTES);
    expect(await refused(await caption(bomb, 'image/png'), 413, 'payload_too_large')).toBe(
      `a 6000x6000 image has 36000000 pixels, over the limit of ${MAX_IMAGE_PIXELS}; downscale it before uploading`,
    );
    await ok(await caption(await encode('png', 32, 32), 'image/png'));
  });

  it('refuses a body over the byte limit with 413', async () => {
    const noise = Buffer.alloc(MAX_IMAGE_BYTES + 1, 7);
    await refused(await caption(noise, 'image/png'), 413, 'payload_too_large');
  });
});

describe('orientation and animation', () => {
  it('turns an image upright by its EXIF orientation, as if it had been stored rotated', async () => {
    const [w, h] = [40, 24];
    const raw = { raw: { width: w, height: h, channels: 3 as const } };
    const tagged = await sharp(pattern(w, h), raw).withMetadata({ orientation: 6 }).png().toBuffer();
    const upright = await sharp(pattern(w, h), raw).rotate(90).png().toBuffer();
    const fromTag = await ok(await caption(tagged, 'image/png'));
    const fromPixels = await ok(await caption(upright, 'image/png'));
    expect(fromTag.image).toEqual({ format: 'png', width: h, height: w });
    expect(fromTag.alternatives).toEqual(fromPixels.alternatives);
  });

  it('captions the first frame of an animated WebP', async () => {
    const [w, h] = [32, 32];
    const frames = Buffer.concat([pattern(w, h), Buffer.alloc(w * h * 3, 0)]);
    const animated = await sharp(frames, { raw: { width: w, height: h * 2, channels: 3, pageHeight: h } })
      .webp({ lossless: true })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const first = await sharp(pattern(w, h), { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    const fromAnimation = await ok(await caption(animated, 'image/webp'));
    const fromFirstFrame = await ok(await caption(first, 'image/png'));
    expect(fromAnimation.image).toEqual({ format: 'webp', width: w, height: h });
    expect(fromAnimation.alternatives).toEqual(fromFirstFrame.alternatives);
  });

  it('takes the first frame of an animated GIF at the frame size', async () => {
    const [w, h] = [30, 20];
    const frames = Buffer.concat([pattern(w, h), Buffer.alloc(w * h * 3, 200)]);
    const gif = await sharp(frames, { raw: { width: w, height: h * 2, channels: 3, pageHeight: h } })
      .gif()
      .toBuffer();
    expect((await ok(await caption(gif, 'image/gif'))).image).toEqual({ format: 'gif', width: w, height: h });
  });
});

describe('body encodings', () => {
  it('takes multipart field "image" and a JSON data URL, with options as fields, giving the same caption', async () => {
    const png = await encode('png', 36, 36);
    const raw = await ok(await caption(png, 'image/png', '?beams=2'));
    const form = new FormData();
    form.set('image', new Blob([png], { type: 'image/png' }), 'photo.png');
    form.set('beams', '2');
    const multipart = await ok(
      await fetch(`${edge.url}/v1/captions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.key}` },
        body: form,
      }),
    );
    const json = await ok(
      await caption(
        JSON.stringify({ image: `data:image/png;base64,${png.toString('base64')}`, beams: 2 }),
        'application/json',
        '',
      ),
    );
    expect(multipart.alternatives).toEqual(raw.alternatives);
    expect(json.alternatives).toEqual(raw.alternatives);
  });

  it('refuses malformed bodies and options with 400 invalid_request', async () => {
    await refused(await caption('{"image": 1', 'application/json', ''), 400, 'invalid_request');
    await refused(
      await caption('{"image": "not a data url"}', 'application/json', ''),
      400,
      'invalid_request',
    );
    await refused(await caption('{"imag": "x"}', 'application/json', ''), 400, 'invalid_request');
    const png = await encode('png', 16, 16);
    expect(await refused(await caption(png, 'image/png', '?beams=9'), 400, 'invalid_request')).toContain(
      'beams',
    );
    expect(
      await refused(await caption(png, 'image/png', '?beams=2&alternatives=3'), 400, 'invalid_request'),
    ).toBe('alternatives must be 1..beams (2), got 3');
    const form = new FormData();
    form.set('picture', new Blob([png]), 'x.png');
    const response = await fetch(`${edge.url}/v1/captions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}` },
      body: form,
    });
    await refused(response, 400, 'invalid_request');
  });
});
