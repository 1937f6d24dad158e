// `reliability` through the whole system: a GPU worker whose model ships a verifier.json, the edge in workerd, and
// the JSON, SSE and WebSocket answers, the TypeScript client and the OpenAPI document; a model without one answers
// null. The value must be the one the engine computes in-process for the same pixels.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../gpu-worker/src/engine/engine.ts';
import { CaptionModel } from '../../../gpu-worker/src/model/caption-model.ts';
import { FEATURE_SET } from '../../../gpu-worker/src/verifier/caption-features.ts';
import { VERIFIER_FORMAT } from '../../../gpu-worker/src/verifier/verifier-file.ts';
import { captionImage } from '../../../shared/src/client/index.ts';
import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CaptionResponseSchema } from '../../../edge/src/openapi/schemas.ts';
import { exportTinyModel } from '../../../gpu-worker/test/tiny-model.ts';
import { type Edge, type GpuWorker, makeKey, readSse, startEdge, startGpuWorker } from './harness.ts';
import { encode } from './images.ts';

const key = makeKey('test', 'secret', { rate_per_minute: 10_000, burst: 1_000, max_concurrent: 16 });
// No result cache: every answer here must come from the worker it names.
const vars = { RESULT_CACHE_TTL_SECONDS: '0' };
let verified: { dir: string; worker: GpuWorker; edge: Edge };
let plain: { worker: GpuWorker; edge: Edge };

function withVerifier(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'reliability-'));
  cpSync(dir, copy, { recursive: true });
  const verifier = {
    format: VERIFIER_FORMAT,
    feature_set: FEATURE_SET,
    features: [
      { name: 'token_logprob_mean', mean: -1, std: 0.5, weight: 1.2 },
      { name: 'presence_max', mean: 0.5, std: 0.2, weight: -0.8 },
    ],
    bias: 0.1,
    threshold: { value: 0.6, target_precision: 0.9, precision: 0.9, described: 0.5, splits: ['val'] },
    fit: { model: 'model', date: '2026-12-04', splits: [{ name: 'val', images: 4, right: 2 }] },
  };
  writeFileSync(join(copy, 'verifier.json'), JSON.stringify(verifier));
  return copy;
}

beforeAll(async () => {
  const tiny = exportTinyModel();
  const dir = withVerifier(tiny);
  const worker = await startGpuWorker(dir);
  const edge = await startEdge({ gpuWorkers: [worker.url], keys: [key], vars });
  verified = { dir, worker, edge };
  const plainWorker = await startGpuWorker(tiny);
  plain = {
    worker: plainWorker,
    edge: await startEdge({ gpuWorkers: [plainWorker.url], keys: [key], vars }),
  };
});
afterAll(async () => {
  await verified?.edge.dispose();
  await verified?.worker.stop();
  await plain?.edge.dispose();
  await plain?.worker.stop();
});

/** The reliability the engine gives the image's pixels, as the edge would resize them, at the edge's default beams. */
async function expectedReliability(image: Buffer): Promise<number | null> {
  const model = await CaptionModel.load(verified.dir, { threads: 1 });
  const engine = createEngine(model);
  try {
    const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const { width, height } = model.inputSize;
    const pixels = resizeBilinear(
      { width: info.width, height: info.height, data: new Uint8Array(data) },
      width,
      height,
    );
    const result = await engine.caption({
      image: pixels,
      options: { beams: 3, maxWords: engine.model.maxWords, alternatives: 3, attention: false },
    });
    return result.reliability;
  } finally {
    await engine.close(0);
    await model.release();
  }
}

const post = (edge: Edge, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${edge.url}/v1/captions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'image/png', ...headers },
    body,
  });

describe('reliability in the answers', () => {
  it('JSON: next to confidence, the value the engine computes for the same pixels', async () => {
    const png = await encode('png', 80, 60);
    const response = await post(verified.edge, png);
    expect(response.status).toBe(200);
    const body = CaptionResponseSchema.parse(await response.json());
    expect(body.reliability).not.toBeNull();
    expect(body.reliability).toBeCloseTo((await expectedReliability(png)) ?? Number.NaN, 9);
    expect(body.reliability).not.toBe(body.confidence);
  });

  it('SSE done and WebSocket done carry it too, equal to the JSON answer', async () => {
    const png = await encode('png', 48, 40);
    const json = CaptionResponseSchema.parse(await (await post(verified.edge, png)).json());
    const events = await readSse(await post(verified.edge, png, { accept: 'text/event-stream' }));
    const done = CaptionResponseSchema.parse(events.at(-1)?.data);
    expect(events.at(-1)?.event).toBe('done');
    expect(done.reliability).toBe(json.reliability);

    const socket = new WebSocket(`${verified.edge.url.replace('http', 'ws')}/v1/captions/ws`, [], {
      headers: { authorization: `Bearer ${key.key}` },
    });
    const final = new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message.type === 'done' || message.type === 'error') resolve(message);
      });
      socket.once('error', reject);
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'caption', id: 'r1' }));
    socket.send(png);
    const message = await final;
    socket.close();
    expect(message).toMatchObject({ type: 'done', request_id: 'r1', reliability: json.reliability });
  });

  it('the TypeScript client returns it; the OpenAPI document describes it as nullable', async () => {
    const png = await encode('png', 64, 64);
    const result = await captionImage(png, { endpoint: verified.edge.url, key: key.key, beams: 3 });
    expect(result.reliability).toBeCloseTo((await expectedReliability(png)) ?? Number.NaN, 9);
    const doc = (await (await fetch(`${verified.edge.url}/openapi.json`)).json()) as {
      components: {
        schemas: { CaptionResponse: { properties: Record<string, unknown>; required: string[] } };
      };
    };
    const schema = doc.components.schemas.CaptionResponse;
    expect(schema.required).toContain('reliability');
    expect(schema.properties.reliability).toMatchObject({
      anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'null' }],
      description: expect.stringMatching(/^Probability that every object the caption names is in the image/),
    });
  });

  it('is null from a model without a verifier, whose confidence is unchanged', async () => {
    const png = await encode('png', 80, 60);
    const body = CaptionResponseSchema.parse(await (await post(plain.edge, png)).json());
    expect(body.reliability).toBeNull();
    const withVerifier = CaptionResponseSchema.parse(await (await post(verified.edge, png)).json());
    expect(body.confidence).toBe(withVerifier.confidence);
    expect(body.caption).toBe(withVerifier.caption);
  });
});
