// The local runtime alone, without the service: a trivial worker (reads the body, waits, answers "ok") in workerd
// through Miniflare's direct socket, as the load run serves the edge, under many concurrent POSTs of the size of
// the load run's images. Shows whether connections that fail without an answer in `npm run loadtest` come from
// the runtime on this machine rather than from the edge's code.
//
//   node --import tsx tests/src/load/workerd-baseline.ts [--connections 200] [--seconds 15] [--wait-ms 2000]
import { Command } from 'commander';
import { Miniflare } from 'miniflare';
import { positiveInt } from '../../../gpu-worker/src/cli/options.ts';

const program = new Command()
  .name('workerd-baseline')
  .option('--connections <n>', 'concurrent clients, one request at a time each', positiveInt, 200)
  .option('--seconds <n>', 'how long', positiveInt, 15)
  .option('--wait-ms <n>', 'how long the worker waits before answering', positiveInt, 2000)
  .option('--body-bytes <n>', 'request body size', positiveInt, 38_485)
  .action(async (opts: { connections: number; seconds: number; waitMs: number; bodyBytes: number }) => {
    const mf = new Miniflare({
      modules: true,
      script: `export default { async fetch(request) {
        const body = await request.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, ${opts.waitMs}));
        return new Response('ok ' + body.byteLength);
      } }`,
      compatibilityDate: '2026-04-26',
      host: '127.0.0.1',
      port: 0,
      unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
    });
    await mf.ready;
    const url = (await mf.unsafeGetDirectURL()).toString();
    const body = new Uint8Array(opts.bodyBytes);
    const end = performance.now() + opts.seconds * 1000;
    let answered = 0;
    const failures = new Map<string, number>();
    await Promise.all(
      Array.from({ length: opts.connections }, async () => {
        while (performance.now() < end) {
          try {
            const response = await fetch(url, { method: 'POST', body });
            await response.text();
            answered += 1;
          } catch (error) {
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            const what = `${cause?.code ?? ''} ${cause?.message ?? String(error)}`.trim();
            failures.set(what, (failures.get(what) ?? 0) + 1);
          }
        }
      }),
    );
    await mf.dispose();
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${opts.connections} connections, ${opts.seconds} s, worker waits ${opts.waitMs} ms: ` +
        `${answered} answered, ${failed} failed without an answer`,
    );
    for (const [what, count] of failures) console.log(`  ${count} × ${what}`);
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
