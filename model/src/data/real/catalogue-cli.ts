/**
 * `npx tsx model/src/data/real/catalogue-cli.ts [--cache data/sources]`: fetches every real-world source, writes
 * `<cache>/catalogue.json` and prints per source how many pictures it lists and how many may train the shipped
 * model.
 */
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { buildCatalogue, type Catalogue } from './catalogue.ts';
import { isTrainableLicence } from './source-instance.ts';

interface SourceSummary {
  source: string;
  instances: number;
  trainable: number;
  distinctNames: number;
  backgrounds: number;
  trainableBackgrounds: number;
}

function summariseCatalogue(catalogue: Catalogue): SourceSummary[] {
  return catalogue.sources.map((source) => {
    const instances = catalogue.instances.filter((i) => i.source === source);
    const backgrounds = catalogue.backgrounds.filter((b) => b.source === source);
    return {
      source,
      instances: instances.length,
      trainable: instances.filter((i) => isTrainableLicence(i.licence)).length,
      distinctNames: new Set(instances.map((i) => i.name.toLowerCase())).size,
      backgrounds: backgrounds.length,
      trainableBackgrounds: backgrounds.filter((b) => isTrainableLicence(b.licence)).length,
    };
  });
}

async function main(): Promise<void> {
  const options = new Command()
    .description('List real-world object pictures and backgrounds from their sources into catalogue.json')
    .option('--cache <dir>', 'cache folder for fetched packages and catalogue.json', 'data/sources')
    .parse()
    .opts<{ cache: string }>();
  const bar = new cliProgress.SingleBar(
    { format: 'sources {bar} {value}/{total} {source}', clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const catalogue = await buildCatalogue(options.cache, ({ source, done, total }) => {
    if (!started) bar.start(total, done, { source });
    started = true;
    bar.update(done, { source });
  });
  if (started) bar.stop();
  console.table(summariseCatalogue(catalogue));
  console.log(`${catalogue.instances.length} instances, ${catalogue.backgrounds.length} backgrounds`);
  console.log(`catalogue: ${catalogue.cacheDir}/catalogue.json`);
}

await main();
