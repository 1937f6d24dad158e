import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDatasetFiles } from '../data/dataset-files.ts';
import { generateSplit } from '../data/generate.ts';
import { PageShooter } from '../data/nonobject/browser.ts';
import { generateNonObjectSplit } from '../data/nonobject/split-writer.ts';
import { isNonObjectSplitName, NONOBJECT_SPLIT_NAMES } from '../data/nonobject/splits.ts';
import { generateRealSplit, prepareRealData } from '../data/real/generate-real.ts';
import { isRealSplitName, REAL_SPLIT_NAMES } from '../data/real/real-splits.ts';
import { isSplitName, SPLIT_NAMES } from '../data/splits.ts';

/** Where one split of the scene data set lives on disk (docs/architecture.md). */
export interface SplitFiles {
  split: string;
  imagesDir: string;
  captionsPath: string;
  scenesPath: string;
  classesPath: string;
}

export function splitFiles(dataDir: string, split: string): SplitFiles {
  return {
    split,
    imagesDir: join(dataDir, split, 'images'),
    captionsPath: join(dataDir, split, `captions_${split}.json`),
    scenesPath: join(dataDir, split, `scenes_${split}.json`),
    classesPath: join(dataDir, 'classes.json'),
  };
}

function imageCount(files: SplitFiles): number {
  if (!existsSync(files.captionsPath) || !existsSync(files.scenesPath)) return 0;
  return (JSON.parse(readFileSync(files.captionsPath, 'utf8')) as { images: unknown[] }).images.length;
}

/**
 * Returns the split's files, generating the split first when it is missing or smaller than `count`, with the
 * generator's defaults (seed 1, 128 px), so `npm run eval` works from a fresh clone.
 */
export async function ensureSplit(
  dataDir: string,
  split: string,
  count: number,
  onGenerated?: (images: number) => void,
): Promise<SplitFiles> {
  const files = splitFiles(dataDir, split);
  if (imageCount(files) >= count) return requireClasses(files, dataDir);
  if (isNonObjectSplitName(split)) {
    writeDatasetFiles(dataDir);
    const shooter = await PageShooter.launch(2);
    try {
      const options = { outDir: dataDir, split, count: Math.max(count, 1000), size: 128, seed: 1, shooter };
      await generateNonObjectSplit({ ...options, onImage: () => onGenerated?.(1) });
    } finally {
      await shooter.close();
    }
    return files;
  }
  if (isRealSplitName(split)) {
    // Real-world splits fetch their Debian packages into data/sources beside the data folder, once.
    const sourcesDir = join(dataDir, '..', 'sources');
    const plan = await prepareRealData(dataDir, sourcesDir);
    const options = { outDir: dataDir, split, count: Math.max(count, 1000), size: 128, seed: 1, sourcesDir };
    await generateRealSplit({ ...options, onImages: onGenerated }, plan);
    return files;
  }
  if (!isSplitName(split)) {
    throw new Error(
      `split "${split}" not found in ${dataDir} and not one the generator makes (${[...SPLIT_NAMES, ...REAL_SPLIT_NAMES, ...NONOBJECT_SPLIT_NAMES].join(', ')})`,
    );
  }
  // The scorer reads the folder's classes.json; a split generated into an empty folder needs it too.
  writeDatasetFiles(dataDir);
  await generateSplit({
    outDir: dataDir,
    split,
    count: Math.max(count, 1000),
    size: 128,
    seed: 1,
    spritesDir: join(dataDir, '..', 'sprites'),
    workers: 2,
    onImages: onGenerated,
  });
  return files;
}

function requireClasses(files: SplitFiles, dataDir: string): SplitFiles {
  if (existsSync(files.classesPath)) return files;
  throw new Error(
    `${files.classesPath} is missing: the grounded metrics need the class list of ${dataDir} (npm run data writes it)`,
  );
}
