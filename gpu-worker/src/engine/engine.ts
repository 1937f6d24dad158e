import type * as ort from 'onnxruntime-node';
import { tensorRow } from '../decode/kv-cache.ts';
import { logitsRow } from '../decode/logits.ts';
import type { CaptionModel } from '../model/caption-model.ts';
import { CaptionReliability } from '../verifier/caption-reliability.ts';
import { ActiveRequest } from './active-request.ts';
import { patchGrid, rowAttentionMaps } from './attention-maps.ts';
import { packPast, stackEncoderStates, stackRequestTensors, unpackPresent } from './batch-cache.ts';
import { MAX_BEAMS, modelMaxWords, validateOptions } from './options.ts';
import {
  type CaptionEngine,
  type CaptionJob,
  type CaptionResult,
  EngineError,
  type EngineStats,
} from './types.ts';

export interface EngineOptions {
  /** Requests waiting for a batch slot; past it new requests get the retryable `queue_full`. */
  maxQueue?: number;
  /** Decoder rows (beams of all requests) per call. */
  maxBatchRows?: number;
  /**
   * Object gate threshold in [0, 1] for models that ship one (`object_gate.json`): a class's words are banned for
   * an image whose presence probability for the class is below it. Default: the model's own; 0 turns it off.
   */
  presenceThreshold?: number;
  /**
   * Count gate for models with a count head (object_gate.json's `count_gate`): count words and class words are
   * paired only as the head counts the image's objects. Default: the model's own.
   */
  countGate?: boolean;
}

/** The decoding-time gates a caller may set (the object and count gates). */
export type GateOptions = Pick<EngineOptions, 'presenceThreshold' | 'countGate'>;

/** Only the gate options that are set, so unset ones keep the model's defaults. */
export function definedGates(options: GateOptions): GateOptions {
  return {
    ...(options.presenceThreshold === undefined ? {} : { presenceThreshold: options.presenceThreshold }),
    ...(options.countGate === undefined ? {} : { countGate: options.countGate }),
  };
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Continuous batching: one loop runs the decoder for the live beams of all admitted requests together at each
 * step. New requests are admitted between steps (their images encoded in one encoder call) and join mid-flight:
 * rows at different steps share a call through the decoder's attention mask; for a model without one, requests
 * at the same step are batched. Each request leaves the batch as soon as it ends, fails or is cancelled.
 */
class BatchingEngine implements CaptionEngine {
  readonly model: CaptionEngine['model'];
  readonly #queue: ActiveRequest[] = [];
  #active: ActiveRequest[] = [];
  #running = false;
  #closing = false;
  #lastBatchRows = 0;
  readonly #maxQueue: number;
  readonly #maxBatchRows: number;
  readonly #presenceThreshold: number;
  readonly #countGate: boolean;
  readonly #reliability: CaptionReliability;
  #grid: { rows: number; cols: number; skip: number } | undefined;
  /** Stacked cross-attention tensors of the last group, reused while its requests stay the same. */
  #crossStack: { key: string; tensors: ort.Tensor[] } | undefined;

  constructor(
    private readonly captioner: CaptionModel,
    options: EngineOptions,
  ) {
    this.#maxQueue = options.maxQueue ?? 256;
    this.#maxBatchRows = options.maxBatchRows ?? 64;
    const threshold = options.presenceThreshold ?? captioner.objectGate?.defaultThreshold ?? 0;
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new RangeError(`presenceThreshold must be in [0, 1], got ${options.presenceThreshold}`);
    }
    if (threshold > 0 && captioner.objectGate === undefined) {
      throw new RangeError(
        `presenceThreshold ${threshold}: the model ${captioner.dir.name} has no object gate`,
      );
    }
    this.#presenceThreshold = threshold;
    const counting = captioner.objectGate?.counting;
    this.#countGate =
      options.countGate ?? (counting !== undefined && captioner.objectGate?.countGateDefault === true);
    if (this.#countGate && counting === undefined) {
      throw new RangeError(`countGate: the model ${captioner.dir.name} has no count head`);
    }
    this.#reliability = CaptionReliability.forModel(captioner);
    const { dir, features, inputSize } = captioner;
    this.model = {
      name: dir.name,
      inputWidth: inputSize.width,
      inputHeight: inputSize.height,
      imageMean: dir.preprocessor.image_mean,
      imageStd: dir.preprocessor.image_std,
      maxWords: modelMaxWords(dir),
      maxBeams: MAX_BEAMS,
      supportsAttention: features.hasCrossAttentions,
    };
  }

  caption(job: CaptionJob): Promise<CaptionResult> {
    try {
      if (this.#closing) throw new EngineError('shutting_down', 'the worker is shutting down');
      validateOptions(job.options, this.captioner.dir, this.model.supportsAttention);
      if (this.#queue.length >= this.#maxQueue) {
        throw new EngineError('queue_full', `the queue is full (${this.#maxQueue} requests waiting)`);
      }
      if (job.signal?.aborted) throw new EngineError('cancelled', 'request cancelled');
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<CaptionResult>((resolve, reject) => {
      const grid = this.#grid ? { rows: this.#grid.rows, cols: this.#grid.cols } : undefined;
      const request = new ActiveRequest(job, this.captioner.dir, grid, this.#reliability, resolve, reject);
      // Fail at once on abort; the loop drops the request (and frees its rows) before the next decoder call.
      job.signal?.addEventListener(
        'abort',
        () => request.fail(new EngineError('cancelled', 'request cancelled')),
        {
          once: true,
        },
      );
      this.#queue.push(request);
      this.#kick();
    });
  }

  stats(): EngineStats {
    return {
      queueDepth: this.#queue.length,
      activeRequests: this.#active.length,
      lastBatchRows: this.#lastBatchRows,
    };
  }

  async close(graceMs = 10_000): Promise<void> {
    this.#closing = true;
    const until = Date.now() + graceMs;
    while ((this.#queue.length > 0 || this.#active.length > 0) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const error = new EngineError('shutting_down', 'the worker shut down before the caption was finished');
    for (const request of [...this.#queue, ...this.#active]) request.fail(error);
    this.#queue.length = 0;
    this.#active = [];
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#run().finally(() => {
      this.#running = false;
      // A request submitted from a promise callback while the loop was finishing must not wait for the next one.
      if (this.#queue.length > 0) this.#kick();
    });
  }

  async #run(): Promise<void> {
    while (this.#queue.length > 0 || this.#active.length > 0) {
      this.#sweep();
      await this.#admit();
      this.#sweep();
      if (this.#active.length > 0) await this.#step();
      await yieldToIo();
    }
  }

  /** Drops settled, cancelled and expired requests from the queue and the batch. */
  #sweep(): void {
    const keep = (request: ActiveRequest): boolean => {
      const reason = request.interruption();
      if (reason) request.fail(reason);
      return !request.settled;
    };
    const queued = this.#queue.filter(keep);
    this.#queue.splice(0, this.#queue.length, ...queued);
    this.#active = this.#active.filter(keep);
  }

  async #admit(): Promise<void> {
    let free = this.#maxBatchRows - this.#active.reduce((n, r) => n + r.state.options.numBeams, 0);
    const admitted: ActiveRequest[] = [];
    while (this.#queue.length > 0) {
      const next = this.#queue[0] as ActiveRequest;
      const rows = next.state.options.numBeams;
      if (rows > free && (this.#active.length > 0 || admitted.length > 0)) break;
      admitted.push(next);
      this.#queue.shift();
      free -= rows;
    }
    if (admitted.length === 0) return;
    const started = performance.now();
    for (const request of admitted) request.admittedAt = started;
    try {
      const states = await this.captioner.encodeImages(admitted.map((r) => r.job.image));
      this.#grid ??= patchGrid(Number(states.dims[1]));
      // With the cache graphs, each image's cross-attention keys/values are computed once, here.
      const crossKeyValues = this.captioner.hasCrossCache
        ? await this.captioner.crossKeyValues(states)
        : undefined;
      // Run whenever the model has the heads, gated or not: the verifier's features read them too.
      const gate = this.captioner.objectGate;
      const estimates = gate ? await gate.estimate(states) : undefined;
      const encodeMs = performance.now() - started;
      for (const [i, request] of admitted.entries()) {
        const estimate = estimates?.[i];
        if (gate && estimate && this.#presenceThreshold > 0)
          request.state.addProcessor(gate.processor(estimate.presence, this.#presenceThreshold));
        if (gate?.counting && estimate?.counts && this.#countGate)
          request.state.addProcessor(gate.counting.processor(estimate.counts));
        request.estimate = estimate;
        request.states = tensorRow(states, i);
        request.crossKeyValues = crossKeyValues?.map((t) => tensorRow(t, i)) ?? null;
        request.encodeMs = encodeMs;
      }
      this.#active.push(...admitted);
    } catch (error) {
      for (const request of admitted)
        request.fail(new EngineError('internal', `encoder failed: ${(error as Error).message}`));
    }
  }

  async #step(): Promise<void> {
    const groups = this.captioner.features.hasAttentionMask
      ? [this.#active]
      : groupByPastLength(this.#active);
    for (const group of groups) await this.#stepGroup(group);
    this.#active = this.#active.filter((r) => !r.settled);
  }

  async #stepGroup(group: readonly ActiveRequest[]): Promise<void> {
    const { layers, heads, headSize } = this.captioner.features;
    const slices = group.map((r) => ({
      cache: r.cache,
      rows: r.state.options.numBeams,
      pastLength: r.state.pastLength,
    }));
    const packed = packPast(slices, layers * 2, heads, headSize);
    const batch = slices.reduce((n, s) => n + s.rows, 0);
    this.#lastBatchRows = batch;
    const wantAttention = group.some((r) => r.job.options.attention);
    let out: Awaited<ReturnType<CaptionModel['decoderStep']>>;
    const step = {
      inputIds: group.flatMap((r) => r.state.lastTokens()),
      batch,
      seq: 1,
      attentionMask: packed.attentionMask,
      past: packed.pastLength === 0 ? null : packed.past,
      wantCrossAttentions: wantAttention,
    };
    try {
      out = this.captioner.hasCrossCache
        ? await this.captioner.decoderStepCrossCached({
            ...step,
            crossKeyValues: this.#stackedCrossKeyValues(group),
            rowImage: group.flatMap((r, i) => new Array<number>(r.state.options.numBeams).fill(i)),
          })
        : await this.captioner.decoderStep({
            ...step,
            encoderStates: stackEncoderStates(
              group.map((r) => ({ states: r.states as ort.Tensor, rows: r.state.options.numBeams })),
            ),
          });
    } catch (error) {
      for (const request of group)
        request.fail(new EngineError('internal', `decoder failed: ${(error as Error).message}`));
      return;
    }
    const vocab = Number(out.logits.dims[2]);
    const logits = out.logits.data as Float32Array;
    let rowStart = 0;
    for (const request of group) {
      const rows = request.state.options.numBeams;
      if (!request.settled) {
        const rowLogits = Array.from({ length: rows }, (_, r) =>
          logitsRow(logits, vocab, 1, rowStart + r, 0),
        );
        const maps =
          request.job.options.attention && out.crossAttentions
            ? rowAttentionMaps(out.crossAttentions, rowStart, rows, this.#grid?.skip ?? 0)
            : undefined;
        this.#advance(request, rowLogits, maps, out.present, rowStart);
      }
      rowStart += rows;
    }
  }

  #stackedCrossKeyValues(group: readonly ActiveRequest[]): ort.Tensor[] {
    const key = group.map((r) => r.serial).join(',');
    if (this.#crossStack?.key !== key) {
      this.#crossStack = { key, tensors: stackRequestTensors(group.map((r) => r.crossKeyValues ?? [])) };
    }
    return this.#crossStack.tensors;
  }

  #advance(
    request: ActiveRequest,
    logits: Float32Array[],
    maps: Float32Array[] | undefined,
    present: Parameters<typeof unpackPresent>[0],
    rowStart: number,
  ): void {
    try {
      const { parents, done } = request.state.advance(logits, maps);
      if (done) {
        request.succeed();
        return;
      }
      request.cache = unpackPresent(present, rowStart, parents, request.state.pastLength);
      request.emitWords();
    } catch (error) {
      request.fail(new EngineError('internal', `decoding failed: ${(error as Error).message}`));
    }
  }
}

function groupByPastLength(requests: readonly ActiveRequest[]): ActiveRequest[][] {
  const groups = new Map<number, ActiveRequest[]>();
  for (const r of requests) groups.set(r.state.pastLength, [...(groups.get(r.state.pastLength) ?? []), r]);
  return [...groups.values()];
}

export function createEngine(model: CaptionModel, options: EngineOptions = {}): CaptionEngine {
  return new BatchingEngine(model, options);
}
