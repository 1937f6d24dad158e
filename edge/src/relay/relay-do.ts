import { DurableObject } from 'cloudflare:workers';
import { importAuthSecret } from '@captioner/shared/protocol/index.ts';
import { readEdgeConfig } from '../config/edge-config.ts';
import type { Env } from '../env.ts';
import { WorkerPool } from './pool.ts';
import { RELAY_JOB_HEADER, type RelayEvent, RelayJobSchema } from './relay-events.ts';

const encoder = new TextEncoder();

function parseJson(text: string | null): unknown {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * Owns the WebSockets to the GPU workers. A Worker cannot share an I/O object such as a WebSocket between
 * requests, so the long-lived, multiplexed upstream sockets live in this Durable Object; stateless request
 * handlers decode images and stream each request's events from here as newline-delimited JSON.
 */
export class CaptionRelay extends DurableObject<Env> {
  #pool: WorkerPool | undefined;
  /** Jobs still running, by the id sent back in `x-relay-job-id`, so a worker can cancel one explicitly. */
  readonly #jobs = new Map<string, () => void>();
  #nextJob = 0;

  #getPool(): WorkerPool {
    if (this.#pool === undefined) {
      const config = readEdgeConfig(this.env);
      this.#pool = new WorkerPool({ workers: config.gpuWorkers, key: importAuthSecret(config.workerSecret) });
    }
    return this.#pool;
  }

  override async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const pool = this.#getPool();
    if (request.method === 'GET' && pathname === '/model') {
      const model = await pool.model();
      if (model === undefined) {
        return json({ error: { code: 'backend_unavailable', message: 'no GPU worker is reachable' } }, 503);
      }
      return json(model);
    }
    if (request.method === 'GET' && pathname === '/status') return json(await pool.status());
    if (request.method === 'POST' && pathname === '/caption') return this.#caption(request, pool);
    if (request.method === 'POST' && pathname === '/cancel') {
      const job = new URL(request.url).searchParams.get('job') ?? '';
      this.#jobs.get(job)?.();
      return new Response(null, { status: 204 });
    }
    return json(
      { error: { code: 'not_found', message: `no relay route ${request.method} ${pathname}` } },
      404,
    );
  }

  async #caption(request: Request, pool: WorkerPool): Promise<Response> {
    const spec = RelayJobSchema.safeParse(parseJson(request.headers.get(RELAY_JOB_HEADER)));
    if (!spec.success) {
      return json(
        { error: { code: 'invalid_request', message: `bad relay job: ${spec.error.message}` } },
        400,
      );
    }
    const pixels = new Uint8Array(await request.arrayBuffer());
    const jobId = String(++this.#nextJob);
    const jobs = this.#jobs;
    let cancel = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const emit = (event: RelayEvent) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
            if (event.type !== 'word') controller.close();
          } catch {
            // The reader is gone; `cancel` has already ended the job upstream.
          }
          if (event.type !== 'word') {
            open = false;
            jobs.delete(jobId);
          }
        };
        const handle = pool.start(spec.data, pixels, emit);
        cancel = () => {
          jobs.delete(jobId);
          handle.cancel();
        };
        if (open) jobs.set(jobId, cancel);
      },
      // The requesting worker stopped reading: its client is gone.
      cancel: () => cancel(),
    });
    return new Response(stream, {
      headers: { 'content-type': 'application/x-ndjson', 'x-relay-job-id': jobId },
    });
  }
}
