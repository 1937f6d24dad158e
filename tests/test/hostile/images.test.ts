// Hostile images against the real service: the edge bundled by wrangler in workerd, a GPU worker process serving
// the shipped model. Every case gets its exact error or a caption; after each category an ordinary image still gets
// the caption it got at the start. Then mutation fuzzing (fast-check): valid images with flipped bits, cut short,
// with chunks spliced or bytes inserted must get a well-formed answer: a caption or a JSON error of a known code.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR } from '../../../gpu-worker/src/cli/default-model.ts';
import {
  type CaptionBody,
  type Edge,
  type GpuWorker,
  makeKey,
  startEdge,
  startGpuWorker,
} from '../edge/harness.ts';
import { encode } from '../edge/images.ts';
import { CaseCounter, runs } from './case-count.ts';
import { HOSTILE_IMAGES, type HostileCase, MAX_IMAGE_PIXELS, pngChunks } from './hostile-images.ts';

const key = makeKey('hostile', 'secret', { rate_per_minute: 1_000_000, burst: 100_000, max_concurrent: 64 });
const counter = new CaseCounter('hostile images');
let worker: GpuWorker;
let edge: Edge;
let baseline: { image: Buffer; caption: CaptionBody };

/** Raw-body answers the edge may give an image upload, by status. */
const IMAGE_ERROR_CODES: Record<number, string> = {
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_image',
};

function post(bytes: Uint8Array): Promise<Response> {
  return fetch(`${edge.url}/v1/captions?beams=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
}

/** The answer, checked to be well-formed: a caption, or `{"error": {code, message}}` matching the status. */
async function answer(
  bytes: Uint8Array,
): Promise<{ status: number; caption?: CaptionBody; code?: string; message?: string }> {
  const response = await post(bytes);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body: unknown = JSON.parse(await response.text());
  if (response.status === 200) {
    const caption = body as CaptionBody;
    expect(typeof caption.caption).toBe('string');
    expect(caption.caption.length).toBeGreaterThan(0);
    expect(caption.image.width * caption.image.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
    return { status: 200, caption };
  }
  const error = (body as { error: { code: string; message: string } }).error;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(typeof error.message).toBe('string');
  expect(error.code, `${response.status} ${error.message}`).toBe(IMAGE_ERROR_CODES[response.status]);
  return { status: response.status, code: error.code, message: error.message };
}

/** An ordinary image still gets the caption it got at the start, and the worker process is still the same one. */
async function stillServing(): Promise<void> {
  const again = await answer(baseline.image);
  expect(again.caption?.alternatives).toEqual(baseline.caption.alternatives);
  expect(worker.child.exitCode).toBeNull();
}

beforeAll(async () => {
  worker = await startGpuWorker(DEFAULT_MODEL_DIR);
  edge = await startEdge({ gpuWorkers: [worker.url], keys: [key] });
  const image = await encode('png', 64, 48);
  const first = await answer(image);
  if (first.caption === undefined) throw new Error('the baseline image was not captioned');
  baseline = { image, caption: first.caption };
});
afterAll(async () => {
  console.log(counter.report());
  await edge?.dispose();
  await worker?.stop();
});

async function check(c: HostileCase): Promise<void> {
  const got = await answer(await c.bytes());
  const expected = c.expected;
  if ('caption' in expected) {
    expect(got.status, `${c.name}: ${got.code} ${got.message}`).toBe(200);
    if (expected.image !== undefined) expect(got.caption?.image, c.name).toEqual(expected.image);
    if (expected.sameAs !== undefined) {
      const reference = await answer(await expected.sameAs());
      expect(got.caption?.alternatives, c.name).toEqual(reference.caption?.alternatives);
    }
  } else {
    expect({ status: got.status, code: got.code }, `${c.name}: ${got.message}`).toEqual({
      status: expected.status,
      code: expected.code,
    });
    if (expected.message !== undefined) expect(got.message, c.name).toMatch(expected.message);
  }
  counter.add(c.category);
}

const categories = [...new Set(HOSTILE_IMAGES.map((c) => c.category))];

describe('hostile image corpus', () => {
  for (const category of categories) {
    it(`${category}: each case gets its error or a caption, then an ordinary image is still captioned`, async () => {
      for (const c of HOSTILE_IMAGES.filter((h) => h.category === category)) await check(c);
      await stillServing();
    });
  }
});

// Mutation fuzzing. Bases are small valid files of every format; each mutation keeps enough of them that many
// mutants still parse their headers, so the decoders (not only the sniffer) see damaged data.
const FORMATS = ['png', 'jpeg', 'webp', 'gif'] as const;
let bases: Record<(typeof FORMATS)[number], Buffer>;
beforeAll(async () => {
  bases = {
    png: await encode('png', 48, 36),
    jpeg: await encode('jpeg', 48, 36),
    webp: await encode('webp', 48, 36),
    gif: await encode('gif', 48, 36),
  };
});

type Mutation = (base: Buffer) => Buffer;
const format = fc.constantFrom(...FORMATS);
// Uniform over the file: fast-check's default bias towards small values would aim nearly every mutation at the
// magic bytes.
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const at = (base: Buffer, p: number) => Math.floor(p * base.length);

const MUTATIONS: Record<string, fc.Arbitrary<Mutation>> = {
  'bit flips': fc
    .array(fc.tuple(position, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 16 })
    .map((flips) => (base) => {
      const out = Buffer.from(base);
      for (const [p, bit] of flips) out[at(out, p)] = (out[at(out, p)] ?? 0) ^ (1 << bit);
      return out;
    }),
  truncation: position.map((p) => (base) => base.subarray(0, at(base, p))),
  'byte overwrite': fc
    .tuple(position, fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([p, bytes]) => (base) => {
      const out = Buffer.from(base);
      out.set(bytes.subarray(0, out.length - at(out, p)), at(out, p));
      return out;
    }),
  'byte insertion/deletion': fc
    .tuple(position, fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 64 }))
    .map(
      ([p, inserted, deleted]) =>
        (base) =>
          Buffer.concat([base.subarray(0, at(base, p)), inserted, base.subarray(at(base, p) + deleted)]),
    ),
  'chunk splicing': fc
    .tuple(format, position, position, position, fc.integer({ min: 1, max: 512 }))
    .map(([other, p, from, to, length]) => (base) => {
      // A slice of another valid file (of any format) copied over or into this one; for PNGs, whole chunks
      // dropped, duplicated or reordered.
      const donor = bases[other];
      if (base[0] === 0x89 && p < 0.5) {
        const chunks = pngChunks(base);
        const i = Math.floor(from * chunks.length);
        const j = Math.floor(to * chunks.length);
        const order = chunks.map((c) => c.bytes);
        if (length % 3 === 0) order.splice(i, 1);
        else if (length % 3 === 1) order.splice(j, 0, order[i] ?? Buffer.alloc(0));
        else [order[i], order[j]] = [order[j] ?? Buffer.alloc(0), order[i] ?? Buffer.alloc(0)];
        return Buffer.concat([base.subarray(0, 8), ...order]);
      }
      const slice = donor.subarray(at(donor, from), at(donor, from) + length);
      return Buffer.concat([
        base.subarray(0, at(base, to)),
        slice,
        base.subarray(at(base, to) + (p < 0.75 ? slice.length : 0)),
      ]);
    }),
};

describe('mutation fuzzing of valid images', () => {
  for (const [name, mutation] of Object.entries(MUTATIONS)) {
    it(`${name}: always a caption or a JSON error of a known code, never a 5xx or a hang`, async () => {
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(format, mutation, async (base, mutate) => {
          const got = await answer(mutate(bases[base]));
          const outcome = got.status === 200 ? 'caption' : `${got.status}`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          counter.add(`fuzz: ${name}`);
          counter.add(`fuzz outcome: ${outcome}`);
        }),
        { numRuns: runs(40) },
      );
      await stillServing();
      // The mutants reached the decoders, not only the format check.
      expect(
        [...outcomes.keys()].some((o) => o === 'caption' || o === '422'),
        JSON.stringify([...outcomes]),
      ).toBe(true);
    });
  }
});
