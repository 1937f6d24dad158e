import { z } from 'zod';
import type { Env } from '../env.ts';
import { ApiError, isApiErrorCode } from '../errors/api-error.ts';
import {
  type ModelInfo,
  ModelInfoSchema,
  RELAY_JOB_HEADER,
  type RelayEvent,
  RelayEventSchema,
  type RelayJob,
} from './relay-events.ts';

/** How long an isolate trusts the model size it last heard: images are resized to it. */
const MODEL_TTL_MS = 15_000;
let cachedModel: { info: ModelInfo; at: number } | undefined;

function relay(env: Env): DurableObjectStub {
  return env.CAPTION_RELAY.get(env.CAPTION_RELAY.idFromName('relay'));
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
  if (isApiErrorCode(code))
    return new ApiError(code, message, code === 'backend_unavailable' ? 2 : undefined);
  return new ApiError('backend_error', `the relay answered ${response.status}`);
}

/** The model the GPU workers serve; throws `backend_unavailable` when none is reachable. */
export async function getModelInfo(env: Env): Promise<ModelInfo> {
  const now = Date.now();
  if (cachedModel !== undefined && now - cachedModel.at < MODEL_TTL_MS) return cachedModel.info;
  const response = await relay(env).fetch('https://relay/model');
  if (!response.ok) throw await errorFrom(response);
  const info = ModelInfoSchema.parse(await response.json());
  cachedModel = { info, at: now };
  return info;
}

const RelayStatusSchema = z.object({ healthy: z.int(), total: z.int(), inFlight: z.int() });

/** Open GPU worker connections (the relay first tries those that are down), and captions in flight. */
export async function getRelayStatus(env: Env): Promise<z.infer<typeof RelayStatusSchema>> {
  const response = await relay(env).fetch('https://relay/status');
  return RelayStatusSchema.parse(await response.json());
}

export interface RelayStream {
  /** Words in order, then exactly one `result` or `error`. */
  events: AsyncGenerator<RelayEvent, void>;
  /** Stops reading; the relay then cancels the request on the GPU worker. Safe to call more than once. */
  cancel(): Promise<void>;
}

/** Sends a caption job to the relay; the stream of its events begins once the relay accepted the job. */
export async function relayCaption(env: Env, job: RelayJob, pixels: Uint8Array): Promise<RelayStream> {
  const response = await relay(env).fetch('https://relay/caption', {
    method: 'POST',
    headers: { [RELAY_JOB_HEADER]: JSON.stringify(job), 'content-type': 'application/octet-stream' },
    body: pixels,
  });
  if (!response.ok || response.body === null) throw await errorFrom(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const jobId = response.headers.get('x-relay-job-id') ?? '';
  let cancelled = false;
  let finished = false;
  const cancel = async () => {
    if (cancelled) return;
    cancelled = true;
    // Said explicitly: a cancelled read does not reliably reach the Durable Object's stream.
    const told = finished
      ? Promise.resolve()
      : relay(env)
          .fetch(`https://relay/cancel?job=${encodeURIComponent(jobId)}`, { method: 'POST' })
          .then((r) => r.body?.cancel())
          .catch(() => {});
    await Promise.all([reader.cancel().catch(() => {}), told]);
  };
  async function* read(): AsyncGenerator<RelayEvent, void> {
    let buffer = '';
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const event = RelayEventSchema.parse(JSON.parse(buffer.slice(0, newline)));
          buffer = buffer.slice(newline + 1);
          if (event.type !== 'word') finished = true;
          yield event;
          if (event.type !== 'word') return;
          newline = buffer.indexOf('\n');
        }
      }
      if (!cancelled) {
        yield { type: 'error', code: 'backend_error', message: 'the relay stream ended without a result' };
      }
    } finally {
      await cancel();
    }
  }
  return { events: read(), cancel };
}
