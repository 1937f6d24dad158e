/**
 * npm run eval:score -- --refs CAPTIONS.json --results RESULTS.json [--scenes SCENES.json --classes CLASSES.json]
 * Prints the COCO caption metrics of the results under the reference code's key names (Bleu_1 ... CIDEr),
 * computed over the images present in the results; with scenes and classes, also the grounded metrics.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  MetricsInputError,
  parseClasses,
  parseCocoCaptions,
  parseCocoResults,
  parseScenes,
  scoreCaptions,
  scoreGrounded,
} from './metrics/index.ts';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MetricsInputError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
}

const program = new Command()
  .name('eval:score')
  .description('Score generated captions against COCO-format references (BLEU, ROUGE-L, CIDEr-D).')
  .requiredOption('--refs <file>', 'reference captions, COCO captions format')
  .requiredOption('--results <file>', 'generated captions, COCO results format [{image_id, caption}]')
  .option('--scenes <file>', 'scenes_<split>.json, for grounded metrics (needs --classes)')
  .option('--classes <file>', 'classes.json, for grounded metrics (needs --scenes)')
  .action((opts: { refs: string; results: string; scenes?: string; classes?: string }) => {
    if ((opts.scenes === undefined) !== (opts.classes === undefined)) {
      program.error('--scenes and --classes go together: grounded metrics need both');
    }
    const refs = parseCocoCaptions(readJson(opts.refs), opts.refs);
    const results = parseCocoResults(readJson(opts.results), opts.results);
    const missing = [...results.keys()].filter((imageId) => !refs.has(imageId));
    if (missing.length > 0) {
      throw new MetricsInputError(
        `${missing.length} result image(s) have no reference captions in ${opts.refs}: ${missing.slice(0, 10).join(', ')}`,
      );
    }
    const scores: Record<string, unknown> = { ...scoreCaptions(refs, results) };
    if (opts.scenes !== undefined && opts.classes !== undefined) {
      const scenes = parseScenes(readJson(opts.scenes), opts.scenes);
      const classes = parseClasses(readJson(opts.classes), opts.classes);
      scores.grounded = scoreGrounded(results, scenes, classes);
    }
    process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
  });

try {
  program.parse();
} catch (error) {
  const message = error instanceof MetricsInputError ? error.message : (error as Error).stack;
  process.stderr.write(`eval:score: ${message}\n`);
  process.exit(1);
}
