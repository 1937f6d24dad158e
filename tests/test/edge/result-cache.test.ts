// The edge's result cache (Workers Cache API in workerd): the same pixels and options are captioned once.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptionResponseSchema } from '../../../edge/src/openapi/schemas.ts';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import {
  type Edge,
  type GpuWorker,
  jsonOf,
  makeKey,
  readSse,
  startEdge,
  startGpuWorker,
  workerMetric,
} from './harness.ts';
import { encode, pattern } from './images.ts';

const key = makeKey('cache', 'secret', { rate_per_minute: 10_000, burst: 1_000 });
let worker: GpuWorker;
let edge: Edge;

beforeAll(async () => {
  worker = await startGpuWorker(exportTinyModel());
  edge = await startEdge({
    gpuWorkers: [worker.url],
    keys: [key],
    vars: { RESULT_CACHE_TTL_SECONDS: '300' },
  });
});

afterAll(async () => {
  await edge?.dispose();
  await worker?.stop();
});

function caption(body: Buffer, query = '', accept = 'application/json'): Promise<Response> {
  return fetch(`${edge.url}/v1/captions${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/octet-stream', accept },
    body,
  });
}

const completed = () => workerMetric(worker, 'caption_worker_requests_total', '{outcome="ok"}');

describe('result cache', () => {
  it('reuses a result for the same pixels in another file format, and only then', async () => {
    const png = await encode('png', 96, 72);
    const webp = await encode('webp', 96, 72); // lossless: the same pixels, other bytes
    const before = await completed();

    const first = CaptionResponseSchema.parse(await jsonOf(await caption(png)));
    expect(first.cached).toBe(false);
    expect(await completed()).toBe(before + 1);

    const again = CaptionResponseSchema.parse(await jsonOf(await caption(webp)));
    expect(again.cached).toBe(true);
    expect(again.caption).toBe(first.caption);
    expect(again.alternatives).toEqual(first.alternatives);
    expect(again.id).not.toBe(first.id);
    expect(again.image.format).toBe('webp');
    expect(await completed()).toBe(before + 1);

    // Other options give another answer: not a hit.
    const greedy = CaptionResponseSchema.parse(await jsonOf(await caption(png, '?beams=1')));
    expect(greedy.cached).toBe(false);
    expect(await completed()).toBe(before + 2);

    // Other pixels: not a hit.
    const data = pattern(96, 72);
    data[0] = 255 - (data[0] ?? 0);
    const changed = await sharp(data, { raw: { width: 96, height: 72, channels: 3 } })
      .png()
      .toBuffer();
    expect(CaptionResponseSchema.parse(await jsonOf(await caption(changed))).cached).toBe(false);
    expect(await completed()).toBe(before + 3);
  });

  it('replays the words of a cached caption over SSE', async () => {
    const png = await encode('png', 80, 80);
    const live = await readSse(await caption(png, '', 'text/event-stream'));
    const replayed = await readSse(await caption(png, '', 'text/event-stream'));
    const words = (events: typeof live) => events.filter((e) => e.event === 'word').map((e) => e.data);
    expect(words(replayed)).toEqual(words(live));
    const done = (events: typeof live) => CaptionResponseSchema.parse(events.at(-1)?.data);
    expect(live.at(-1)?.event).toBe('done');
    expect(replayed.at(-1)?.event).toBe('done');
    expect(done(live).cached).toBe(false);
    expect(done(replayed).cached).toBe(true);
    expect(done(replayed).caption).toBe(done(live).caption);
  });
});
