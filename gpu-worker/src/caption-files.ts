import { createEngine, definedGates, type GateOptions } from './engine/engine.ts';
import type { CaptionOptions, CaptionResult } from './engine/types.ts';
import { loadImage } from './image/load-image.ts';
import type { CaptionModel } from './model/caption-model.ts';

export interface FileCaption extends CaptionResult {
  file: string;
}

export interface CaptionFilesOptions extends Partial<CaptionOptions>, GateOptions {
  /** Images decoded and in flight at once; the engine batches them. */
  concurrency?: number;
  onProgress?: (done: number) => void;
}

/** Captions image files through the serving engine, returning results in input order. */
export async function captionFiles(
  model: CaptionModel,
  files: readonly string[],
  options: CaptionFilesOptions = {},
): Promise<FileCaption[]> {
  const engine = createEngine(model, {
    maxQueue: Number.MAX_SAFE_INTEGER,
    ...definedGates(options),
  });
  const beams = options.beams ?? 1;
  const captionOptions: CaptionOptions = {
    beams,
    maxWords: options.maxWords ?? engine.model.maxWords,
    alternatives: options.alternatives ?? beams,
    attention: options.attention ?? false,
  };
  const results: FileCaption[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] ?? '';
      const image = await loadImage(file);
      results[index] = { file, ...(await engine.caption({ image, options: captionOptions })) };
      options.onProgress?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  } finally {
    await engine.close(0);
  }
  return results;
}
