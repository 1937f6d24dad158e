import { beamSearch } from './decode/beam-search.ts';
import { greedyDecode } from './decode/greedy.ts';
import { tensorRow } from './decode/kv-cache.ts';
import { loadImage } from './image/load-image.ts';
import type { CaptionModel } from './model/caption-model.ts';

export interface FileCaption {
  file: string;
  caption: string;
  tokens: number;
  /** Sum of the caption's token log-probabilities. */
  logProb: number;
  /** With beam search: the n-best list, best first, with Hugging Face's length-normalised scores. */
  alternatives?: { caption: string; score: number }[];
}

export interface CaptionFilesOptions {
  batchSize?: number;
  /** 1 decodes greedily in batches; more runs beam search image by image. */
  beams?: number;
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
  const beams = options.beams ?? 1;
  const { generation, tokenizer } = model.dir;
  const maxLength = options.maxLength ?? generation.max_length;
  const results: FileCaption[] = [];
  for (let start = 0; start < files.length; start += batchSize) {
    const chunk = files.slice(start, start + batchSize);
    const images = await Promise.all(chunk.map((file) => loadImage(file)));
    const states = await model.encodeImages(images);
    if (beams === 1) {
      const decoded = await greedyDecode(model, states, { maxLength });
      decoded.forEach((d, i) => {
        results.push({ file: chunk[i] ?? '', caption: d.text, tokens: d.tokens.length, logProb: d.logProb });
      });
    } else {
      for (const [i, file] of chunk.entries()) {
        const hypotheses = await beamSearch(model, tensorRow(states, i), {
          numBeams: beams,
          maxLength,
          minLength: generation.min_length,
          lengthPenalty: generation.length_penalty,
          earlyStopping: generation.early_stopping,
          noRepeatNgramSize: generation.no_repeat_ngram_size,
        });
        const best = hypotheses[0];
        results.push({
          file,
          caption: best ? tokenizer.decode(best.tokens) : '',
          tokens: best?.tokens.length ?? 0,
          logProb: best?.logProb ?? 0,
          alternatives: hypotheses.map((h) => ({ caption: tokenizer.decode(h.tokens), score: h.score })),
        });
      }
    }
    options.onProgress?.(results.length);
  }
  return results;
}
