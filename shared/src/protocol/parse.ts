import { z } from 'zod';
import { type EdgeMessage, EdgeMessageSchema, type WorkerMessage, WorkerMessageSchema } from './messages.ts';
import { isRequestId } from './request-id.ts';

export type Parsed<T> =
  | { ok: true; message: T }
  /**
   * `id` is set when the text named a request (a `caption` with a well-formed id), so the failure can be that
   * request's final event; otherwise the failure belongs to the connection.
   */
  | { ok: false; code: 'invalid_json' | 'invalid_message' | 'invalid_request'; id?: string; message: string };

/** One line per issue, `path: message`, for error messages a client developer can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// Enough of a message to say what it tried to be, when the full schema refused it.
const Envelope = z.object({ type: z.unknown().optional(), id: z.unknown().optional() });
const EDGE_TYPES: readonly string[] = ['caption', 'cancel'];

/** Reads a text frame from the edge. Never throws. */
export function parseEdgeMessage(text: string): Parsed<EdgeMessage> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, code: 'invalid_json', message: json.message };
  const parsed = EdgeMessageSchema.safeParse(json.value);
  if (parsed.success) return { ok: true, message: parsed.data };
  const envelope = Envelope.safeParse(json.value);
  const type = envelope.success ? envelope.data.type : undefined;
  const id = envelope.success ? envelope.data.id : undefined;
  if (type === 'caption' && isRequestId(id)) {
    return {
      ok: false,
      code: 'invalid_request',
      id,
      message: `invalid caption: ${describeIssues(parsed.error)}`,
    };
  }
  if (typeof type === 'string' && !EDGE_TYPES.includes(type)) {
    return {
      ok: false,
      code: 'invalid_message',
      message: `unknown message type '${type.slice(0, 40)}' (expected ${EDGE_TYPES.join(' or ')})`,
    };
  }
  const what = typeof type === 'string' ? `'${type}' message` : 'message (an object with a string type)';
  return { ok: false, code: 'invalid_message', message: `invalid ${what}: ${describeIssues(parsed.error)}` };
}

/** Reads a text frame from the worker (the edge's side). Never throws. */
export function parseWorkerMessage(text: string): Parsed<WorkerMessage> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, code: 'invalid_json', message: json.message };
  const parsed = WorkerMessageSchema.safeParse(json.value);
  if (parsed.success) return { ok: true, message: parsed.data };
  return {
    ok: false,
    code: 'invalid_message',
    message: `invalid worker message: ${describeIssues(parsed.error)}`,
  };
}
