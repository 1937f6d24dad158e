import { greedyDecode } from './decode/greedy.ts';
import { loadImage } from './image/load-image.ts';
import type { CaptionModel } from './model/caption-model.ts';

export interface FileCaption {
  file: string;
  caption: string;
  tokens: number;
  logProb: number;
}

export interface CaptionFilesOptions {
  batchSize?: number;
  maxLength?: number;
  onProgress?: (done: number) => void;
}

/** Captions image files in input order, decoding and encoding them in batches. */
export async function captionFiles(
  model: CaptionModel,
  files: readonly string[],
  options: CaptionFilesOptions = {},
): Promise<FileCaption[]> {
  const batchSize = options.batchSize ?? 16;
  const results: FileCaption[] = [];
  for (let start = 0; start < files.length; start += batchSize) {
    const chunk = files.slice(start, start + batchSize);
    const images = await Promise.all(chunk.map((file) => loadImage(file)));
    const states = await model.encodeImages(images);
    const decoded = await greedyDecode(model, states, { maxLength: options.maxLength });
    decoded.forEach((d, i) => {
      results.push({ file: chunk[i] ?? '', caption: d.text, tokens: d.tokens.length, logProb: d.logProb });
    });
    options.onProgress?.(results.length);
  }
  return results;
}
