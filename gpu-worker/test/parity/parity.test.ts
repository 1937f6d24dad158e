// Parity between the PyTorch captioner and its ONNX export run by onnxruntime-node: a tiny randomly
// initialised model is exported by make_reference.py together with PyTorch outputs for fixed inputs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TOLERANCE = 1e-4;
const BOS = 1;
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface TensorJson {
  dims: number[];
  data: number[];
}

interface Reference {
  numbers: Record<string, number>;
  tensors: Record<string, TensorJson>;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTensorJson(value: unknown): value is TensorJson {
  return isRecord(value) && isNumberArray(value.dims) && isNumberArray(value.data);
}

function parseReference(text: string): Reference {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw) || !isRecord(raw.numbers) || !isRecord(raw.tensors)) {
    throw new Error('reference.json: expected {numbers, tensors}');
  }
  const numbers: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw.numbers)) {
    if (typeof value !== 'number') throw new Error(`reference.json: numbers.${key} is not a number`);
    numbers[key] = value;
  }
  const tensors: Record<string, TensorJson> = {};
  for (const [key, value] of Object.entries(raw.tensors)) {
    if (!isTensorJson(value)) throw new Error(`reference.json: tensors.${key} is not {dims, data}`);
    tensors[key] = value;
  }
  return { numbers, tensors };
}

let workDir = '';
let reference: Reference;
let encoder: ort.InferenceSession;
let decoder: ort.InferenceSession;

function ref(name: string): TensorJson {
  const t = reference.tensors[name];
  if (t === undefined) throw new Error(`reference.json has no tensor ${name}`);
  return t;
}

function num(name: string): number {
  const n = reference.numbers[name];
  if (n === undefined) throw new Error(`reference.json has no number ${name}`);
  return n;
}

function f32(t: TensorJson): ort.Tensor {
  return new ort.Tensor('float32', Float32Array.from(t.data), t.dims);
}

function i64(data: readonly number[], dims: readonly number[]): ort.Tensor {
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(data, (v) => BigInt(v)),
    dims,
  );
}

function floats(t: ort.Tensor | undefined): Float32Array {
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error('expected a float32 output');
  return t.data;
}

const largestDiffs = new Map<string, number>();

/** max |a − b| over the positions where `keep(i)` holds (all by default), checking shapes first. */
function maxAbsDiff(
  actual: ort.Tensor | undefined,
  expected: TensorJson,
  keep?: (i: number) => boolean,
): number {
  expect(actual?.dims).toEqual(expected.dims);
  const data = floats(actual);
  let max = 0;
  expected.data.forEach((v, i) => {
    if (keep === undefined || keep(i)) max = Math.max(max, Math.abs((data[i] ?? Number.NaN) - v));
  });
  const test = expect.getState().currentTestName ?? '';
  largestDiffs.set(test, Math.max(max, largestDiffs.get(test) ?? 0));
  return max;
}

type Past = Record<string, ort.Tensor>;

function emptyPast(batch: number): Past {
  const past: Past = {};
  const shape = [batch, num('n_head'), 0, num('head_size')];
  for (let i = 0; i < num('n_layer'); i++) {
    for (const kv of ['key', 'value'])
      past[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), shape);
  }
  return past;
}

function pastFrom(outputs: ort.InferenceSession.OnnxValueMapType): Past {
  const past: Past = {};
  for (let i = 0; i < num('n_layer'); i++) {
    for (const kv of ['key', 'value']) {
      const present = outputs[`present.${i}.${kv}`];
      if (present === undefined) throw new Error(`decoder output present.${i}.${kv} missing`);
      past[`past_key_values.${i}.${kv}`] = present;
    }
  }
  return past;
}

function runDecoder(
  inputIds: ort.Tensor,
  attentionMask: ort.Tensor,
  encoderHiddenStates: ort.Tensor,
  past: Past,
  useCache: boolean,
): Promise<ort.InferenceSession.OnnxValueMapType> {
  return decoder.run({
    input_ids: inputIds,
    attention_mask: attentionMask,
    encoder_hidden_states: encoderHiddenStates,
    ...past,
    use_cache_branch: new ort.Tensor('bool', Uint8Array.from([useCache ? 1 : 0]), [1]),
  });
}

function caseInputs(name: string): [ort.Tensor, ort.Tensor] {
  const ids = ref(`${name}.input_ids`);
  const mask = ref(`${name}.attention_mask`);
  return [i64(ids.data, ids.dims), i64(mask.data, mask.dims)];
}

describe('ONNX export matches PyTorch', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'captioner-parity-'));
    execFileSync('bash', ['scripts/python.sh', 'gpu-worker/test/parity/make_reference.py', workDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    reference = parseReference(readFileSync(join(workDir, 'reference.json'), 'utf8'));
    const options: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    };
    encoder = await ort.InferenceSession.create(join(workDir, 'model/onnx/encoder_model.onnx'), options);
    decoder = await ort.InferenceSession.create(
      join(workDir, 'model/onnx/decoder_model_merged.onnx'),
      options,
    );
  });

  afterAll(async () => {
    const summary = [...largestDiffs].map(
      ([test, diff]) => `${test.split(' > ').at(-1)}: ${diff.toExponential(1)}`,
    );
    console.info(`max |Δ| per test: ${summary.join('; ')}`);
    await encoder?.release();
    await decoder?.release();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('declares the Optimum tensor names', () => {
    const layers = Array.from({ length: num('n_layer') }, (_, i) => i);
    expect(encoder.inputNames).toEqual(['pixel_values']);
    expect(encoder.outputNames).toEqual(['last_hidden_state']);
    expect(decoder.inputNames).toEqual([
      'input_ids',
      'attention_mask',
      'encoder_hidden_states',
      ...layers.flatMap((i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]),
      'use_cache_branch',
    ]);
    expect(decoder.outputNames).toEqual([
      'logits',
      ...layers.flatMap((i) => [`present.${i}.key`, `present.${i}.value`]),
      ...layers.map((i) => `cross_attentions.${i}`),
    ]);
  });

  it('encoder output', async () => {
    const out = await encoder.run({ pixel_values: f32(ref('pixel_values')) });
    expect(maxAbsDiff(out.last_hidden_state, ref('encoder_hidden_states'))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('object presence (the object gate graph)', async () => {
    const presence = await ort.InferenceSession.create(
      join(workDir, 'model/onnx/object_presence_model.onnx'),
      { intraOpNumThreads: 1 },
    );
    try {
      const out = await presence.run({ encoder_hidden_states: f32(ref('encoder_hidden_states')) });
      expect(maxAbsDiff(out.object_presence, ref('object_presence'))).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(out.object_counts, ref('object_counts'))).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      await presence.release();
    }
  });

  it('logits without cache (full prefix, use_cache_branch false, empty past)', async () => {
    const [ids, mask] = caseInputs('no_cache');
    const out = await runDecoder(ids, mask, f32(ref('encoder_hidden_states')), emptyPast(2), false);
    expect(maxAbsDiff(out.logits, ref('no_cache.logits'))).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDiff(out['present.0.key'], ref('no_cache.present.0.key'))).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDiff(out['cross_attentions.1'], ref('no_cache.cross_attentions.1'))).toBeLessThanOrEqual(
      TOLERANCE,
    );
  });

  it('logits with cache (past from the previous call)', async () => {
    const enc = f32(ref('encoder_hidden_states'));
    const first = await runDecoder(...caseInputs('no_cache'), enc, emptyPast(2), false);
    const [ids, mask] = caseInputs('cached');
    const out = await runDecoder(ids, mask, enc, pastFrom(first), true);
    expect(maxAbsDiff(out.logits, ref('cached.logits'))).toBeLessThanOrEqual(TOLERANCE);
    expect(out['present.0.key']?.dims).toEqual([2, num('n_head'), 6, num('head_size')]);
    expect(maxAbsDiff(out['present.0.key'], ref('cached.present.0.key'))).toBeLessThanOrEqual(TOLERANCE);
    expect(maxAbsDiff(out['cross_attentions.1'], ref('cached.cross_attentions.1'))).toBeLessThanOrEqual(
      TOLERANCE,
    );
  });

  it('ignores a non-empty past when use_cache_branch is false', async () => {
    const enc = f32(ref('encoder_hidden_states'));
    const first = await runDecoder(...caseInputs('no_cache'), enc, emptyPast(2), false);
    const [ids] = caseInputs('no_cache');
    const out = await runDecoder(ids, i64(Array(2 * 8).fill(1), [2, 8]), enc, pastFrom(first), false);
    expect(maxAbsDiff(out.logits, ref('no_cache.logits'))).toBeLessThanOrEqual(TOLERANCE);
    expect(out['present.0.key']?.dims).toEqual([2, num('n_head'), 4, num('head_size')]);
  });

  it('batched left-padded rows with attention_mask', async () => {
    const enc = f32(ref('encoder_hidden_states'));
    const [ids, mask] = caseInputs('left_padded');
    const out = await runDecoder(ids, mask, enc, emptyPast(2), false);
    const expected = ref('left_padded.logits');
    const [, seq = 0, vocab = 0] = expected.dims;
    const maskData = ref('left_padded.attention_mask').data;
    // padding positions produce unused logits: compare real tokens only
    const real = (i: number): boolean => maskData[Math.floor(i / vocab)] === 1;
    expect(maxAbsDiff(out.logits, expected, real)).toBeLessThanOrEqual(TOLERANCE);
    // the padded row equals the same row run alone without padding
    const alone = ref('left_padded.row1_unpadded_logits');
    const logits = floats(out.logits);
    const pad = seq - (alone.dims[1] ?? 0);
    let max = 0;
    alone.data.forEach((v, i) => {
      max = Math.max(max, Math.abs((logits[(seq + pad) * vocab + i] ?? Number.NaN) - v));
    });
    expect(max).toBeLessThanOrEqual(TOLERANCE);

    const [stepIds, stepMask] = caseInputs('left_padded_step');
    const step = await runDecoder(stepIds, stepMask, enc, pastFrom(out), true);
    expect(maxAbsDiff(step.logits, ref('left_padded_step.logits'))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('identical greedy tokens for 10 steps', async () => {
    const expected = ref('greedy.tokens');
    const [batch = 0, steps = 0] = expected.dims;
    expect(num('greedy.min_margin')).toBeGreaterThan(100 * TOLERANCE); // no near-ties in the reference
    const { last_hidden_state: enc } = await encoder.run({ pixel_values: f32(ref('pixel_values')) });
    if (enc === undefined) throw new Error('encoder returned no last_hidden_state');
    const rows: number[][] = Array.from({ length: batch }, () => []);
    let ids = i64(Array(batch).fill(BOS), [batch, 1]);
    let past = emptyPast(batch);
    for (let t = 0; t < steps; t++) {
      const out = await runDecoder(
        ids,
        i64(Array(batch * (t + 1)).fill(1), [batch, t + 1]),
        enc,
        past,
        t > 0,
      );
      const logits = floats(out.logits);
      const vocab = out.logits?.dims[2] ?? 0;
      const next = rows.map((row, b) => {
        let best = 0;
        for (let v = 1; v < vocab; v++) {
          if ((logits[b * vocab + v] ?? -Infinity) > (logits[b * vocab + best] ?? -Infinity)) best = v;
        }
        row.push(best);
        return best;
      });
      ids = i64(next, [batch, 1]);
      past = pastFrom(out);
    }
    expect(rows.flat()).toEqual(expected.data);
  });
});
