// npm run loadtest: many SSE and WebSocket callers through the edge against one GPU worker, on loopback, phase by
// phase (1, 16, 64, 256 clients by default). Prints a table, writes the full report as JSON under
// artifacts/loadtest/, and exits non-zero when an invariant broke (see outcomes.ts). Figures depend on the machine
// and what else runs on it; the invariants do not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { positiveInt } from '../../../gpu-worker/src/cli/options.ts';
import { repoRoot } from '../../test/edge/harness.ts';
import { formatReport } from './format-report.ts';
import { runLoad } from './run-load.ts';

function clientCounts(value: string): number[] {
  const counts = value.split(',').map((v) => Number(v.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError('expected positive integers separated by commas');
  return counts;
}

const program = new Command()
  .name('loadtest')
  .description(
    'Load the edge and one GPU worker with concurrent SSE and WebSocket callers; check every answer.',
  )
  .option('--clients <list>', 'client counts, one phase each', clientCounts, [1, 16, 64, 256])
  .option('--seconds <n>', 'length of each phase', positiveInt, 10)
  .option('--max-requests <n>', 'requests per phase at most', positiveInt, 3000)
  .option('--model <dir>', 'model directory', join(repoRoot, 'models/scenes-small'))
  .option('--images <dir>', 'PNG images sent in rotation', join(repoRoot, 'models/scenes-small/samples'))
  .option('--beams <n>', 'beams per caption', positiveInt, 3)
  .option(
    '--max-concurrent <n>',
    "the load key's captions in flight; more are refused with 429",
    positiveInt,
    32,
  )
  .option('--rate <n>', "the load key's requests per minute", positiveInt, 60_000)
  .option('--timeout <s>', 'a request without its final event after this long is a timeout', positiveInt, 60)
  .option(
    '--max-rss-growth <MiB>',
    'RSS growth of either process over its post-warm-up level that fails',
    positiveInt,
    256,
  )
  .option('--out <dir>', 'where the JSON report goes', join(repoRoot, 'artifacts/loadtest'))
  .action(async (opts) => {
    const report = await runLoad({
      modelDir: opts.model,
      imageDir: opts.images,
      clientCounts: opts.clients,
      phaseMs: opts.seconds * 1000,
      maxRequestsPerPhase: opts.maxRequests,
      beams: opts.beams,
      maxConcurrent: opts.maxConcurrent,
      ratePerMinute: opts.rate,
      requestTimeoutMs: opts.timeout * 1000,
      maxRssGrowthBytes: opts.maxRssGrowth * 2 ** 20,
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    mkdirSync(opts.out, { recursive: true });
    const file = join(opts.out, `loadtest-${report.startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${formatReport(report)}\nreport: ${file}\n`);
    if (report.breaks.length > 0) process.exitCode = 1;
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(
    `loadtest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
