import { Command } from 'commander';
import { pino } from 'pino';
import { z } from 'zod';
import { createEngine } from '../engine/engine.ts';
import { CaptionModel } from '../model/caption-model.ts';
import { ModelLoadError } from '../model/model-directory.ts';
import { EXECUTION_PROVIDERS } from '../model/providers.ts';
import { createCaptionServer } from '../server/caption-server.ts';
import { DEFAULT_MODEL_DIR } from './default-model.ts';

const SECRET_ENV = 'CAPTION_WORKER_SECRET';

const ServeOptions = z.object({
  model: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
  host: z.string().min(1),
  provider: z.enum(EXECUTION_PROVIDERS),
  threads: z.coerce.number().int().min(0),
  maxQueue: z.coerce.number().int().min(1).optional(),
  presenceThreshold: z.coerce.number().min(0).max(1).optional(),
  countGate: z.enum(['on', 'off']).optional(),
  graceMs: z.coerce.number().int().min(0),
  timeoutMs: z.coerce.number().int().min(1),
  heartbeatMs: z.coerce.number().int().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

const program: Command = new Command()
  .name('serve')
  .description(
    `Serve a model directory over the caption WebSocket protocol (docs/protocol.md). The edge's shared secret ` +
      `comes from $${SECRET_ENV}.`,
  )
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--port <n>', 'TCP port (0 picks a free one)', '8790')
  .option('--host <address>', 'interface to listen on', '127.0.0.1')
  .option('--provider <name>', 'execution provider: cpu, cuda or webgpu', 'cpu')
  .option('--threads <n>', 'onnxruntime intra-op threads (0 lets it choose)', '0')
  .option('--max-queue <n>', 'requests waiting for a batch slot before queue_full')
  .option('--grace-ms <n>', 'on SIGTERM/SIGINT, how long requests in flight may finish', '10000')
  .option('--timeout-ms <n>', 'deadline of a request that sets none', '30000')
  .option('--heartbeat-ms <n>', 'ping interval; a peer that misses one ping is dropped', '30000')
  .option(
    '--presence-threshold <p>',
    "object gate: ban a class's words below this presence probability, 0 = off (default: the model's)",
  )
  .option(
    '--count-gate <on|off>',
    "count gate: pair count words with the model's count head (default: the model's)",
  )
  .option('--log-level <level>', 'pino log level', 'info')
  .action(async (raw: unknown) => {
    const parsed = ServeOptions.safeParse(raw);
    if (!parsed.success) {
      program.error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
    }
    const opts = parsed.data;
    const secret = process.env[SECRET_ENV];
    if (!secret) {
      program.error(
        `set ${SECRET_ENV} to the secret shared with the edge (32+ characters: openssl rand -hex 32)`,
      );
    }
    const logger = pino({ level: opts.logLevel, base: { service: 'caption-worker' } });
    const model = await CaptionModel.load(opts.model, { provider: opts.provider, threads: opts.threads });
    const engine = createEngine(model, {
      maxQueue: opts.maxQueue,
      ...(opts.presenceThreshold === undefined ? {} : { presenceThreshold: opts.presenceThreshold }),
      ...(opts.countGate === undefined ? {} : { countGate: opts.countGate === 'on' }),
    });
    const server = await createCaptionServer({
      engine,
      secret,
      logger,
      shutdownGraceMs: opts.graceMs,
      defaultTimeoutMs: opts.timeoutMs,
      maxTimeoutMs: Math.max(opts.timeoutMs, 120_000),
      heartbeatMs: opts.heartbeatMs,
    });
    const address = await server.listen(opts.port, opts.host);
    logger.info(
      { host: address.address, port: address.port, model: engine.model.name, provider: model.provider },
      'listening',
    );

    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal, graceMs: opts.graceMs }, 'stopping');
      server
        .close()
        .then(() => model.release())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'shutdown failed');
            process.exit(1);
          },
        );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });

program.parseAsync().catch((error: unknown) => {
  const message =
    error instanceof ModelLoadError || error instanceof RangeError
      ? error.message
      : error instanceof Error
        ? error.stack
        : String(error);
  process.stderr.write(`serve: ${message}\n`);
  process.exit(1);
});
