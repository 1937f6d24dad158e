import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RgbImage } from '@captioner/shared';
import * as ort from 'onnxruntime-node';
import { loadModelDirectory, type ModelDirectory, ModelLoadError } from './model-directory.ts';
import { ObjectGate } from './object-gate.ts';
import { inputSize, pixelValuesBatch } from './preprocess.ts';
import { type ExecutionProvider, providerUnavailable } from './providers.ts';
import { Verifier } from '../verifier/verifier.ts';

export type { ExecutionProvider } from './providers.ts';

export interface LoadOptions {
  provider?: ExecutionProvider;
  /** Intra-op threads; 0 lets onnxruntime choose. */
  threads?: number;
}

/** Self-attention cache of the decoder: for each layer a key and a value tensor [B, H, P, E]. */
export type PastKeyValues = ort.Tensor[];

export interface DecoderStepInput {
  /** Token ids, row-major [batch, seq]. */
  inputIds: readonly number[];
  batch: number;
  seq: number;
  encoderStates: ort.Tensor;
  /** [batch, past + seq]; 1 marks a real token, 0 left padding. Ignored by models without the input. */
  attentionMask?: readonly number[];
  past: PastKeyValues | null;
  wantCrossAttentions?: boolean;
}

export interface DecoderStepOutput {
  /** [batch, seq, vocab] */
  logits: ort.Tensor;
  present: PastKeyValues;
  /** Per layer [batch, heads, seq, patches], when asked for and the model outputs them. */
  crossAttentions?: ort.Tensor[];
}

/** What the decoder graph offers beyond the plain Optimum layout. */
export interface DecoderFeatures {
  layers: number;
  heads: number;
  headSize: number;
  hasAttentionMask: boolean;
  hasCrossAttentions: boolean;
  hasUseCacheBranch: boolean;
}

interface CrossCacheSessions {
  crossKv: ort.InferenceSession;
  decoder: ort.InferenceSession;
}

/** The optional cross-attention cache graphs, when the model directory has both. */
async function loadCrossCacheSessions(
  dir: string,
  options: ort.InferenceSession.SessionOptions,
): Promise<CrossCacheSessions | undefined> {
  const kvPath = join(dir, 'onnx/cross_kv_model.onnx');
  const decoderPath = join(dir, 'onnx/decoder_cross_cached_model.onnx');
  if (!existsSync(kvPath) || !existsSync(decoderPath)) return undefined;
  const [crossKv, decoder] = await Promise.all([
    ort.InferenceSession.create(kvPath, options),
    ort.InferenceSession.create(decoderPath, options),
  ]);
  return { crossKv, decoder };
}

function fixedDim(meta: ort.InferenceSession.ValueMetadata | undefined, axis: number): number | undefined {
  if (!meta?.isTensor) return undefined;
  const dim = meta.shape[axis];
  return typeof dim === 'number' ? dim : undefined;
}

function readDecoderFeatures(session: ort.InferenceSession, dir: ModelDirectory): DecoderFeatures {
  const names = session.inputNames;
  const layers = names.filter((n) => /^past_key_values\.\d+\.key$/.test(n)).length;
  if (layers === 0 || !names.includes('input_ids') || !names.includes('encoder_hidden_states')) {
    throw new ModelLoadError(
      `${dir.decoderPath}: expected GPT-2-style inputs input_ids, encoder_hidden_states, past_key_values.{i}.key/value; ` +
        `found ${names.join(', ')}`,
    );
  }
  const pastMeta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  const decoder = dir.config.decoder as { n_head?: number; n_embd?: number; num_attention_heads?: number };
  const heads = fixedDim(pastMeta, 1) ?? decoder.n_head ?? decoder.num_attention_heads;
  const headSize = fixedDim(pastMeta, 3) ?? (decoder.n_embd && heads ? decoder.n_embd / heads : undefined);
  if (!heads || !headSize)
    throw new ModelLoadError(`${dir.path}: cannot tell the decoder's head count and size`);
  return {
    layers,
    heads,
    headSize,
    hasAttentionMask: names.includes('attention_mask'),
    hasCrossAttentions: session.outputNames.includes('cross_attentions.0'),
    hasUseCacheBranch: names.includes('use_cache_branch'),
  };
}

/** An encoder and a KV-cached decoder loaded from a model directory, with one method per graph call. */
export class CaptionModel {
  private constructor(
    readonly dir: ModelDirectory,
    readonly provider: ExecutionProvider,
    private readonly encoder: ort.InferenceSession,
    private readonly decoder: ort.InferenceSession,
    readonly features: DecoderFeatures,
    private readonly crossCache: CrossCacheSessions | undefined,
    /** The optional object gate (object_gate.json and its presence graph). */
    readonly objectGate: ObjectGate | undefined,
    /** The optional verifier (verifier.json): without it a caption's reliability is null. */
    readonly verifier: Verifier | undefined,
  ) {}

  static async load(path: string, options: LoadOptions = {}): Promise<CaptionModel> {
    const provider = options.provider ?? 'cpu';
    const unavailable = providerUnavailable(provider);
    if (unavailable) throw new ModelLoadError(unavailable);
    const dir = loadModelDirectory(path);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: options.threads ?? 0,
    };
    const [encoder, decoder] = await Promise.all([
      ort.InferenceSession.create(dir.encoderPath, sessionOptions),
      ort.InferenceSession.create(dir.decoderPath, sessionOptions),
    ]);
    if (!encoder.inputNames.includes('pixel_values') || !encoder.outputNames.includes('last_hidden_state')) {
      throw new ModelLoadError(
        `${dir.encoderPath}: expected input pixel_values and output last_hidden_state; found ` +
          `${encoder.inputNames.join(', ')} -> ${encoder.outputNames.join(', ')}`,
      );
    }
    const [crossCache, objectGate] = await Promise.all([
      loadCrossCacheSessions(path, sessionOptions),
      ObjectGate.load(path, sessionOptions),
    ]);
    const verifier = Verifier.load(path, {
      presence: objectGate !== undefined,
      counts: objectGate?.hasCountHead === true,
    });
    return new CaptionModel(
      dir,
      provider,
      encoder,
      decoder,
      readDecoderFeatures(decoder, dir),
      crossCache,
      objectGate,
      verifier,
    );
  }

  get inputSize(): { width: number; height: number } {
    return inputSize(this.dir.preprocessor);
  }

  /** Encodes a batch of images (any size; resized here) into `last_hidden_state` [B, N, D]. */
  async encodeImages(images: readonly RgbImage[]): Promise<ort.Tensor> {
    const { width, height } = this.inputSize;
    const pixels = pixelValuesBatch(images, this.dir.preprocessor);
    return this.encodePixels(new ort.Tensor('float32', pixels, [images.length, 3, height, width]));
  }

  async encodePixels(pixelValues: ort.Tensor): Promise<ort.Tensor> {
    const out = await this.encoder.run({ pixel_values: pixelValues });
    const states = out.last_hidden_state;
    if (!states) throw new Error('encoder returned no last_hidden_state');
    return states;
  }

  /** Zero-length cache for the first step. */
  emptyPast(batch: number): PastKeyValues {
    const { layers, heads, headSize } = this.features;
    return Array.from(
      { length: layers * 2 },
      () => new ort.Tensor('float32', new Float32Array(0), [batch, heads, 0, headSize]),
    );
  }

  async decoderStep(input: DecoderStepInput): Promise<DecoderStepOutput> {
    const { layers, hasAttentionMask, hasCrossAttentions, hasUseCacheBranch } = this.features;
    const past = input.past ?? this.emptyPast(input.batch);
    const pastLength = Number(past[0]?.dims[2] ?? 0);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(input.inputIds, BigInt), [
        input.batch,
        input.seq,
      ]),
      encoder_hidden_states: input.encoderStates,
    };
    if (hasUseCacheBranch) feeds.use_cache_branch = new ort.Tensor('bool', [input.past !== null], [1]);
    if (hasAttentionMask) {
      const mask = input.attentionMask ?? new Array<number>(input.batch * (pastLength + input.seq)).fill(1);
      feeds.attention_mask = new ort.Tensor('int64', BigInt64Array.from(mask, BigInt), [
        input.batch,
        pastLength + input.seq,
      ]);
    } else if (input.attentionMask?.includes(0)) {
      throw new Error(
        'this model has no attention_mask input: rows of different lengths cannot share a call',
      );
    }
    for (let i = 0; i < layers; i++) {
      feeds[`past_key_values.${i}.key`] = past[2 * i] as ort.Tensor;
      feeds[`past_key_values.${i}.value`] = past[2 * i + 1] as ort.Tensor;
    }
    return this.#runDecoder(this.decoder, feeds, input.wantCrossAttentions === true && hasCrossAttentions);
  }

  async #runDecoder(
    session: ort.InferenceSession,
    feeds: Record<string, ort.Tensor>,
    wantAttention: boolean,
  ): Promise<DecoderStepOutput> {
    const { layers } = this.features;
    const fetches = ['logits'];
    for (let i = 0; i < layers; i++) fetches.push(`present.${i}.key`, `present.${i}.value`);
    if (wantAttention) for (let i = 0; i < layers; i++) fetches.push(`cross_attentions.${i}`);

    const out = await session.run(feeds, fetches);
    const take = (name: string): ort.Tensor => {
      const t = out[name];
      if (!t) throw new Error(`decoder returned no ${name}`);
      return t;
    };
    const present: PastKeyValues = [];
    for (let i = 0; i < layers; i++) present.push(take(`present.${i}.key`), take(`present.${i}.value`));
    return {
      logits: take('logits'),
      present,
      crossAttentions: wantAttention
        ? Array.from({ length: layers }, (_, i) => take(`cross_attentions.${i}`))
        : undefined,
    };
  }

  /** Whether this model ships the cross-attention cache graphs (this project's fast path). */
  get hasCrossCache(): boolean {
    return this.crossCache !== undefined;
  }

  /** Cross-attention keys and values of each image's encoder states [I, N, D]: per layer key, value [I, H, N, E]. */
  async crossKeyValues(encoderStates: ort.Tensor): Promise<ort.Tensor[]> {
    const sessions = this.#requireCrossCache();
    const out = await sessions.crossKv.run({ encoder_hidden_states: encoderStates });
    return sessions.crossKv.outputNames.map((name) => out[name] as ort.Tensor);
  }

  /**
   * A decoder step with precomputed cross-attention keys/values, given once per image; `rowImage` names each
   * row's image. Same outputs as `decoderStep`.
   */
  async decoderStepCrossCached(
    input: Omit<DecoderStepInput, 'encoderStates'> & {
      crossKeyValues: ort.Tensor[];
      rowImage: readonly number[];
    },
  ): Promise<DecoderStepOutput> {
    const sessions = this.#requireCrossCache();
    const { layers } = this.features;
    const past = input.past ?? this.emptyPast(input.batch);
    const pastLength = Number(past[0]?.dims[2] ?? 0);
    const mask = input.attentionMask ?? new Array<number>(input.batch * (pastLength + input.seq)).fill(1);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(input.inputIds, BigInt), [
        input.batch,
        input.seq,
      ]),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask, BigInt), [
        input.batch,
        pastLength + input.seq,
      ]),
      row_image: new ort.Tensor('int64', BigInt64Array.from(input.rowImage, BigInt), [input.batch]),
    };
    for (let i = 0; i < layers; i++) {
      feeds[`cross_key_values.${i}.key`] = input.crossKeyValues[2 * i] as ort.Tensor;
      feeds[`cross_key_values.${i}.value`] = input.crossKeyValues[2 * i + 1] as ort.Tensor;
      feeds[`past_key_values.${i}.key`] = past[2 * i] as ort.Tensor;
      feeds[`past_key_values.${i}.value`] = past[2 * i + 1] as ort.Tensor;
    }
    return this.#runDecoder(sessions.decoder, feeds, input.wantCrossAttentions === true);
  }

  #requireCrossCache(): CrossCacheSessions {
    if (!this.crossCache) throw new Error(`${this.dir.path} has no cross-attention cache graphs`);
    return this.crossCache;
  }

  async release(): Promise<void> {
    await Promise.all([
      this.encoder.release(),
      this.decoder.release(),
      this.crossCache?.crossKv.release(),
      this.crossCache?.decoder.release(),
    ]);
  }
}
