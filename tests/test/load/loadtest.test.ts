// The load tool at a size CI can afford: 8 callers (4 SSE, 4 WebSocket) for a few seconds on the shipped model,
// with the key capped at 3 captions in flight so that overload is part of the run. Every invariant the tool checks
// must hold; no speed is asserted.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../src/load/run-load.ts';
import { repoRoot } from '../edge/harness.ts';

describe('npm run loadtest, small', () => {
  it('answers every request once with its own caption, refuses overload with Retry-After, stays bounded', async () => {
    const report = await runLoad({
      modelDir: join(repoRoot, 'models/scenes-small'),
      imageDir: join(repoRoot, 'models/scenes-small/samples'),
      clientCounts: [8],
      phaseMs: 3_000,
      maxRequestsPerPhase: 200,
      beams: 3,
      maxConcurrent: 3,
      ratePerMinute: 60_000,
      requestTimeoutMs: 60_000,
      maxRssGrowthBytes: 256 * 2 ** 20,
    });
    expect(report.breaks).toEqual([]);
    const [phase] = report.phases;
    expect(phase).toMatchObject({ clients: 8, sseClients: 4, wsClients: 4, errors: 0 });
    expect(phase?.ok).toBeGreaterThan(0);
    // Eight callers against a cap of three: some are refused (with Retry-After, or `breaks` would say so), and
    // only by the key's cap.
    expect(phase?.refused).toBeGreaterThan(0);
    for (const kind of Object.keys(phase?.refusals ?? {})) expect(kind).toMatch(/^(sse|ws) rate_limited$/);
    expect(phase?.requests).toBe((phase?.ok ?? 0) + (phase?.refused ?? 0));
  }, 300_000);
});
