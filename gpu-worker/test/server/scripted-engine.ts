import {
  type CaptionEngine,
  type CaptionJob,
  type CaptionResult,
  EngineError,
  type EngineStats,
} from '../../src/engine/types.ts';

export interface Script {
  /** Pause before each word. */
  wordDelayMs?: number;
  /** Words of a job's caption; default: `pixel <first byte> <w>x<h>`, so tests see the pixels arrived intact. */
  words?: (job: CaptionJob) => string[];
  /** Attention map sent with every word when the job asks for attention. */
  attention?: number[];
  /** The result's reliability; default null, as for a model without a verifier. */
  reliability?: number;
  /** Fails the job after its words. */
  failWith?: (job: CaptionJob) => EngineError | undefined;
}

function defaultWords(job: CaptionJob): string[] {
  return ['pixel', String(job.image.data[0]), `${job.image.width}x${job.image.height}`];
}

/**
 * A CaptionEngine with behaviour the test chooses (slow words, failures, endless streams), honouring the
 * contract's abort signal, deadline and close(grace) as the real engine does.
 */
export class ScriptedEngine implements CaptionEngine {
  readonly model = {
    name: 'scripted',
    inputWidth: 4,
    inputHeight: 4,
    imageMean: [0.5, 0.5, 0.5] as [number, number, number],
    imageStd: [0.25, 0.25, 0.25] as [number, number, number],
    maxWords: 20,
    maxBeams: 4,
    supportsAttention: true,
  };
  readonly jobs: CaptionJob[] = [];
  readonly #live = new Set<(error: EngineError) => void>();
  #closing = false;

  constructor(public script: Script = {}) {}

  /** Jobs whose abort signal fired (cancelled, failed or disconnected on the server's side). */
  get abortedJobs(): CaptionJob[] {
    return this.jobs.filter((j) => j.signal?.aborted);
  }

  async caption(job: CaptionJob): Promise<CaptionResult> {
    if (this.#closing) throw new EngineError('shutting_down', 'engine closing');
    this.jobs.push(job);
    const started = performance.now();
    const words = (this.script.words ?? defaultWords)(job);
    for (const [index, text] of words.entries()) {
      await this.#pause(job, this.script.wordDelayMs ?? 0);
      const attention = job.options.attention ? this.script.attention : undefined;
      job.onWord?.(attention ? { index, text, attention } : { index, text });
    }
    const failure = this.script.failWith?.(job);
    if (failure) throw failure;
    const caption = words.join(' ');
    return {
      caption,
      confidence: 0.5,
      reliability: this.script.reliability ?? null,
      features: [],
      alternatives: [{ caption, score: -0.69 }],
      tokens: words.length,
      timings: {
        queueMs: 0,
        encodeMs: 0,
        decodeMs: performance.now() - started,
        totalMs: performance.now() - started,
      },
      ...(job.options.attention
        ? { attentionGrid: { rows: 1, cols: this.script.attention?.length ?? 0 } }
        : {}),
    };
  }

  stats(): EngineStats {
    return { queueDepth: 0, activeRequests: this.#live.size, lastBatchRows: this.#live.size };
  }

  async close(graceMs = 10_000): Promise<void> {
    this.#closing = true;
    const until = Date.now() + graceMs;
    while (this.#live.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    for (const fail of this.#live) fail(new EngineError('shutting_down', 'engine closed'));
  }

  #pause(job: CaptionJob, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: EngineError) => {
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', onAbort);
        this.#live.delete(done);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => done(new EngineError('cancelled', 'request cancelled'));
      const timer = setTimeout(() => {
        if (job.deadline !== undefined && Date.now() > job.deadline) {
          done(new EngineError('deadline_exceeded', 'deadline passed'));
        } else done();
      }, ms);
      this.#live.add(done);
      if (job.signal?.aborted) onAbort();
      else job.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
