/**
 * `npx tsx model/src/data/real/render3d/cli.ts --cache data/sources --views 12 [--limit N] [--sheet file.png]`:
 * renders views of every Sweet Home 3D model in the real-world catalogue into `<cache>/render3d/<safe id>/`,
 * one line per model; rerunning keeps the views already there, so an interrupted run resumes. Writes
 * `<cache>/render3d/report.json` (errors and missing textures per model).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { buildCatalogue } from '../catalogue.ts';
import { writeViewSheet } from './contact-sheet.ts';
import { renderJobs } from './render-jobs.ts';
import { type RenderedModel, renderViews } from './render-views.ts';

interface Options {
  cache: string;
  views: string;
  seed: string;
  limit?: string;
  sheet?: string;
}

/** About 48 views spread over the models, a few per model, for one look at the whole run. */
function sheetPaths(results: readonly RenderedModel[], perModel: number, total: number): string[] {
  const rendered = results.filter((result) => result.paths.length > 0);
  const models = Math.min(rendered.length, Math.ceil(total / perModel));
  return Array.from({ length: models }, (_, i) => rendered[Math.floor((i * rendered.length) / models)])
    .flatMap((result) => result?.paths.slice(0, perModel) ?? [])
    .slice(0, total);
}

async function main(): Promise<void> {
  const options = new Command()
    .description('Render cut-out views of the catalogue’s 3-D models')
    .option('--cache <dir>', 'cache folder holding catalogue.json and the fetched packages', 'data/sources')
    .option('--views <n>', 'views per model', '12')
    .option('--seed <n>', 'seed of the views (a view is drawn from instance, view number and seed)', '1')
    .option('--limit <n>', 'render only the first N models')
    .option('--sheet <file>', 'also write a contact sheet of about 48 views to this PNG')
    .parse()
    .opts<Options>();
  const catalogue = await buildCatalogue(options.cache);
  const outRoot = join(catalogue.cacheDir, 'render3d');
  const models = catalogue.instances.filter((instance) => instance.source === 'sweethome3d');
  const limit = options.limit === undefined ? models.length : Number(options.limit);
  const jobs = renderJobs(models.slice(0, limit), outRoot, Number(options.views), Number(options.seed));
  console.log(`${jobs.length} models, ${options.views} views each, into ${outRoot}/`);
  const started = Date.now();
  let rendered = 0;
  const results = await renderViews(jobs, undefined, {
    onModel: (result) => {
      rendered += result.rendered;
      const notes = [
        result.error ? `FAILED: ${result.error}` : '',
        result.missingTextures.length > 0 ? `missing textures: ${result.missingTextures.join(', ')}` : '',
      ].filter((note) => note !== '');
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(
        `${seconds}s ${result.instanceId}: ${result.paths.length} views (${result.rendered} new) ${notes.join('; ')}`,
      );
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const failed = results.filter((result) => result.error !== undefined);
  console.log(
    `${rendered} views rendered in ${seconds.toFixed(0)} s (${(rendered / seconds).toFixed(1)} views/s); ` +
      `${results.length - failed.length} models complete, ${failed.length} failed`,
  );
  mkdirSync(outRoot, { recursive: true });
  const report = results.map(({ instanceId, paths, rendered: fresh, error, missingTextures }) => ({
    instanceId,
    views: paths.length,
    rendered: fresh,
    ...(error ? { error } : {}),
    ...(missingTextures.length > 0 ? { missingTextures } : {}),
  }));
  writeFileSync(join(outRoot, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
  if (options.sheet) {
    await writeViewSheet(sheetPaths(results, 2, 48), options.sheet);
    console.log(`contact sheet: ${options.sheet}`);
  }
}

await main();
