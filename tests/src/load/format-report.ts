import type { LoadReport } from './run-load.ts';

const MiB = 2 ** 20;

/** The report as a plain-text table and the list of broken invariants. */
export function formatReport(report: LoadReport): string {
  const header = [
    'clients',
    'sse/ws',
    'requests',
    'ok',
    'refused',
    'failed',
    'dropped',
    'req/s',
    'ok/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'first word p50/p95 ms',
    'peak RSS worker/edge MiB',
  ];
  const rows = report.phases.map((p) => [
    String(p.clients),
    `${p.sseClients}/${p.wsClients}`,
    String(p.requests),
    String(p.ok),
    String(p.refused),
    String(p.errors),
    String(p.dropped),
    p.requestsPerSecond.toFixed(1),
    p.okPerSecond.toFixed(1),
    p.latencyMs.p50.toFixed(0),
    p.latencyMs.p95.toFixed(0),
    p.latencyMs.p99.toFixed(0),
    `${p.firstWordMs.p50.toFixed(0)}/${p.firstWordMs.p95.toFixed(0)}`,
    `${(p.peakRss.workerBytes / MiB).toFixed(0)}/${(p.peakRss.edgeBytes / MiB).toFixed(0)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`;
  const lines = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  const o = report.options;
  lines.push(
    '',
    `after warm-up: worker ${(report.baseline.workerBytes / MiB).toFixed(0)} MiB, edge ${(report.baseline.edgeBytes / MiB).toFixed(0)} MiB; ` +
      `key cap ${o.maxConcurrent} in flight, ${o.ratePerMinute}/min; beams ${o.beams}; ${o.phaseMs / 1000} s or ${o.maxRequestsPerPhase} requests a phase`,
  );
  for (const p of report.phases) {
    const refusals = Object.entries(p.refusals).map(([k, v]) => `${k} ${v}`);
    if (refusals.length > 0) lines.push(`refusals at ${p.clients} clients: ${refusals.join(', ')}`);
  }
  lines.push(
    report.breaks.length === 0
      ? 'invariants: all held (one final event each, own words and caption, refusals with Retry-After, no timeouts, nothing left in flight, memory bounded)'
      : `INVARIANTS BROKEN:\n${report.breaks.map((b) => `  - ${b}`).join('\n')}`,
  );
  return lines.join('\n');
}
