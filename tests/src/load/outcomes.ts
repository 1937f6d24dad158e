// What every request of a load run must satisfy, and the figures of a phase.
import type { CaptionOutcome } from './clients.ts';

/**
 * `dropped`: the connection closed or reset before any HTTP answer (see docs/load-and-faults.md: local workerd
 * does this to many concurrent connections when starved of CPU). Still a broken invariant, counted apart.
 */
export type OutcomeKind = 'ok' | 'refused' | 'error' | 'dropped';

export interface Check {
  kind: OutcomeKind;
  /** Broken invariants, worded so that equal problems from many requests count as one line. */
  problems: string[];
}

/** Overload answers: refusals that tell the caller when to come back. */
const REFUSALS: Record<string, number> = { rate_limited: 429, backend_unavailable: 503 };

/**
 * One request's invariants: exactly one final event and nothing after it (checked by the client); a `done` whose
 * caption is its own words joined, and the image's own caption (so no words or result of another request), with
 * an answer id not seen before; a refusal only as 429 `rate_limited` / 503 `backend_unavailable` with Retry-After;
 * no other error, and no timeout.
 */
export function checkOutcome(outcome: CaptionOutcome, reference: string, seenCaptionIds: Set<string>): Check {
  const problems = [...outcome.violations];
  if (outcome.finals.length !== 1 && outcome.violations.length === 0) {
    problems.push(`${outcome.finals.length} final events`);
  }
  const final = outcome.finals[0];
  if (final === undefined) return { kind: outcome.connectionFailed ? 'dropped' : 'error', problems };
  if (final.type === 'done') {
    const joined = outcome.words.map((w) => w.text).join(' ');
    if (final.caption !== joined)
      problems.push(`${outcome.transport}: the final caption is not the words streamed`);
    if (final.caption !== reference)
      problems.push(`${outcome.transport}: a caption differs from its image's own`);
    if (seenCaptionIds.has(final.id)) problems.push(`${outcome.transport}: an answer id came twice`);
    seenCaptionIds.add(final.id);
    return { kind: 'ok', problems };
  }
  const status = REFUSALS[final.code];
  if (status !== undefined) {
    if (outcome.transport === 'sse' && outcome.status !== status)
      problems.push(`sse: ${final.code} answered with HTTP ${outcome.status}`);
    if (outcome.retryAfter === undefined || !(outcome.retryAfter >= 1))
      problems.push(`${outcome.transport}: ${final.code} without Retry-After`);
    return { kind: 'refused', problems };
  }
  problems.push(`${outcome.transport}: error ${final.code}: ${final.message}`);
  return { kind: 'error', problems };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface PhaseReport {
  clients: number;
  sseClients: number;
  wsClients: number;
  wallMs: number;
  requests: number;
  ok: number;
  refused: number;
  errors: number;
  dropped: number;
  /** Requests (answered or not) per second over the phase. */
  requestsPerSecond: number;
  /** Answered captions per second over the phase. */
  okPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  firstWordMs: { p50: number; p95: number };
  refusals: Record<string, number>;
  peakRss: { workerBytes: number; edgeBytes: number };
}

export function summarisePhase(
  clients: number,
  wsClients: number,
  wallMs: number,
  results: { outcome: CaptionOutcome; check: Check }[],
  peakRss: { workerBytes: number; edgeBytes: number },
): PhaseReport {
  const ok = results.filter((r) => r.check.kind === 'ok').map((r) => r.outcome);
  const latency = ok.map((o) => o.endedAt - o.startedAt).sort((a, b) => a - b);
  const firstWord = ok
    .filter((o) => o.firstWordAt !== undefined)
    .map((o) => (o.firstWordAt ?? 0) - o.startedAt)
    .sort((a, b) => a - b);
  const refusals: Record<string, number> = {};
  for (const r of results) {
    const final = r.outcome.finals[0];
    if (r.check.kind === 'refused' && final?.type === 'error') {
      const label = `${r.outcome.transport} ${final.code}`;
      refusals[label] = (refusals[label] ?? 0) + 1;
    }
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    clients,
    sseClients: clients - wsClients,
    wsClients,
    wallMs: Math.round(wallMs),
    requests: results.length,
    ok: ok.length,
    refused: results.filter((r) => r.check.kind === 'refused').length,
    errors: results.filter((r) => r.check.kind === 'error').length,
    dropped: results.filter((r) => r.check.kind === 'dropped').length,
    requestsPerSecond: Math.round((results.length / (wallMs / 1000)) * 10) / 10,
    okPerSecond: Math.round((ok.length / (wallMs / 1000)) * 10) / 10,
    latencyMs: {
      p50: round(percentile(latency, 50)),
      p95: round(percentile(latency, 95)),
      p99: round(percentile(latency, 99)),
    },
    firstWordMs: { p50: round(percentile(firstWord, 50)), p95: round(percentile(firstWord, 95)) },
    refusals,
    peakRss,
  };
}
