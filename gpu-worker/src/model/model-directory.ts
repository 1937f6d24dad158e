import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptionTokenizer } from '@captioner/shared';
import type { z } from 'zod';
import {
  type GenerationConfig,
  GenerationConfigSchema,
  type ModelConfig,
  ModelConfigSchema,
  type PreprocessorConfig,
  PreprocessorConfigSchema,
} from './model-config.ts';

/** Everything read from a model directory except the ONNX sessions. */
export interface ModelDirectory {
  path: string;
  name: string;
  config: ModelConfig;
  generation: GenerationConfig;
  preprocessor: PreprocessorConfig;
  tokenizer: CaptionTokenizer;
  encoderPath: string;
  decoderPath: string;
  /** Token ids resolved from the configs: the decoder starts from `startId`, stops at any of `eosIds`. */
  startId: number;
  eosIds: ReadonlySet<number>;
  padId: number;
}

/** A model that cannot be served: missing or invalid files, unsupported content, or an unavailable provider. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

const REQUIRED_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model.onnx',
  'onnx/decoder_model_merged.onnx',
];

/** Reads a JSON file of a model directory and checks it against `schema`; any problem is a ModelLoadError. */
export function readJson<T extends z.ZodType>(dir: string, file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    throw new ModelLoadError(`${join(dir, file)}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ModelLoadError(`${join(dir, file)}: unsupported content: ${issues}`);
  }
  return parsed.data;
}

function firstDefined(...ids: (number | number[] | null | undefined)[]): number | number[] | undefined {
  for (const id of ids) if (id !== null && id !== undefined) return id;
  return undefined;
}

/** Reads and validates a model directory; the error names every missing file at once. */
export function loadModelDirectory(dir: string): ModelDirectory {
  if (!existsSync(dir)) throw new ModelLoadError(`model directory not found: ${dir}`);
  const missing = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new ModelLoadError(
      `${dir} is not a vision-encoder-decoder ONNX model directory: missing ${missing.join(', ')}`,
    );
  }
  const config = readJson(dir, 'config.json', ModelConfigSchema);
  const generation = readJson(dir, 'generation_config.json', GenerationConfigSchema);
  const preprocessor = readJson(dir, 'preprocessor_config.json', PreprocessorConfigSchema);
  if (preprocessor.do_resize && preprocessor.resample !== 2) {
    throw new ModelLoadError(
      `${dir}/preprocessor_config.json: resample ${preprocessor.resample} is not supported (only 2, bilinear)`,
    );
  }
  const tokenizer = new CaptionTokenizer(
    JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as object,
    JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')) as object,
  );

  const start = firstDefined(
    generation.decoder_start_token_id,
    config.decoder_start_token_id,
    generation.bos_token_id,
    config.bos_token_id,
  );
  const eos = firstDefined(generation.eos_token_id, config.eos_token_id);
  if (typeof start !== 'number')
    throw new ModelLoadError(`${dir}: no decoder_start_token_id or bos_token_id`);
  if (eos === undefined) throw new ModelLoadError(`${dir}: no eos_token_id`);
  const eosIds = new Set(Array.isArray(eos) ? eos : [eos]);
  const pad = firstDefined(generation.pad_token_id, config.pad_token_id);
  const name =
    (config as { name_or_path?: string }).name_or_path ?? dir.split('/').filter(Boolean).at(-1) ?? dir;

  return {
    path: dir,
    name,
    config,
    generation,
    preprocessor,
    tokenizer,
    encoderPath: join(dir, 'onnx/encoder_model.onnx'),
    decoderPath: join(dir, 'onnx/decoder_model_merged.onnx'),
    startId: start,
    eosIds,
    padId: typeof pad === 'number' ? pad : ([...eosIds][0] ?? 0),
  };
}
