import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { captionFiles } from '../caption-files.ts';
import { definedGates } from '../engine/engine.ts';
import { captionRemote, describeRemoteError } from './caption-remote.ts';
import { CaptionModel, type ExecutionProvider } from '../model/caption-model.ts';
import { ModelLoadError } from '../model/model-directory.ts';
import { DEFAULT_MODEL_DIR } from './default-model.ts';
import { onOff, positiveInt, probability } from './options.ts';

const program = new Command()
  .name('caption')
  .description(
    'Caption local image files with a model directory, in-process, or through a running edge with --url.',
  )
  .argument('[images...]', 'image files (JPEG, PNG, WebP, GIF, ...)')
  .option('--model <dir>', 'model directory', DEFAULT_MODEL_DIR)
  .option('--beams <n>', 'beam size (1 = greedy)', positiveInt, 1)
  .option('--max-words <n>', "longest caption in words (default: the model's limit)", positiveInt)
  .option('--alternatives <n>', 'size of the n-best list in --json output (default: beams)', positiveInt)
  .option('--provider <name>', 'execution provider: cpu, cuda or webgpu', 'cpu')
  .option(
    '--presence-threshold <p>',
    "object gate: ban a class's words below this presence probability, 0 = off (default: the model's)",
    probability,
  )
  .option(
    '--count-gate <on|off>',
    "count gate: pair count words with the model's count head (default: the model's)",
    onOff,
  )
  .option('--json', 'print one JSON array of {file, caption, ...} in input order')
  .option('--demo', 'caption the sample images shipped with the default model')
  .option('--url <endpoint>', 'caption through a running edge (e.g. http://127.0.0.1:8787), streaming words')
  .option('--key <key>', 'API key for --url (default: $CAPTION_API_KEY)')
  .addOption(
    new Option('--transport <name>', 'how --url streams').choices(['sse', 'websocket']).default('sse'),
  )
  .action(async (images: string[], opts) => {
    const files = opts.demo
      ? readdirSync(join(opts.model, 'samples')).map((f) => join(opts.model, 'samples', f))
      : images;
    if (files.length === 0) program.error('no images given (pass image files, or --demo)');
    if (opts.url !== undefined) {
      const key = opts.key ?? process.env.CAPTION_API_KEY;
      if (key === undefined || key === '') program.error('--url needs an API key: --key or $CAPTION_API_KEY');
      await captionRemote(files, {
        endpoint: opts.url,
        key,
        transport: opts.transport,
        beams: opts.beams,
        maxWords: opts.maxWords,
        alternatives: opts.alternatives,
        json: opts.json === true,
      });
      return;
    }
    const model = await CaptionModel.load(opts.model, { provider: opts.provider as ExecutionProvider });
    const started = performance.now();
    const results = await captionFiles(model, files, {
      beams: opts.beams,
      maxWords: opts.maxWords,
      alternatives: opts.alternatives,
      ...definedGates(opts),
    });
    const ms = performance.now() - started;
    if (opts.json) {
      // The verifier's raw features are for fitting tools (npm run fit:verifier), not for readers of captions.
      const shown = results.map(({ features: _features, ...result }) => result);
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    } else {
      for (const r of results) process.stdout.write(`${r.file}\t${r.caption}\n`);
      process.stderr.write(
        `${results.length} images in ${ms.toFixed(0)} ms with ${model.dir.name} (${model.provider})\n`,
      );
    }
    await model.release();
  });

program.parseAsync().catch((error: unknown) => {
  const message =
    error instanceof ModelLoadError ? error.message : (describeRemoteError(error) ?? (error as Error).stack);
  process.stderr.write(`caption: ${message}\n`);
  process.exit(1);
});
