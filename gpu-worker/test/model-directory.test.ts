import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelDirectory } from '../src/model/model-directory.ts';

function modelDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-dir-'));
  mkdirSync(join(dir, 'onnx'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const tokenizerJson = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [
    {
      id: 0,
      content: '<pad>',
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    },
    {
      id: 1,
      content: '<bos>',
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    },
    {
      id: 2,
      content: '<eos>',
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    },
  ],
  normalizer: { type: 'Lowercase' },
  pre_tokenizer: { type: 'WhitespaceSplit' },
  post_processor: null,
  decoder: null,
  model: {
    type: 'WordLevel',
    vocab: { '<pad>': 0, '<bos>': 1, '<eos>': 2, '<unk>': 3, a: 4, dog: 5 },
    unk_token: '<unk>',
  },
};

const complete = {
  'config.json': {
    model_type: 'vision-encoder-decoder',
    encoder: { model_type: 'vit', image_size: 32 },
    decoder: { model_type: 'gpt2', vocab_size: 6, n_head: 2, n_embd: 8 },
    decoder_start_token_id: 1,
    eos_token_id: 2,
    pad_token_id: 0,
  },
  'generation_config.json': { max_length: 12, num_beams: 3 },
  'preprocessor_config.json': { size: { height: 32, width: 32 }, image_mean: 0.5, image_std: 0.5 },
  'tokenizer.json': tokenizerJson,
  'tokenizer_config.json': { model_max_length: 32 },
  'onnx/encoder_model.onnx': 'x',
  'onnx/decoder_model_merged.onnx': 'x',
};

describe('loadModelDirectory', () => {
  it('reads configs, token ids and the tokenizer', () => {
    const dir = loadModelDirectory(modelDir(complete));
    expect(dir.startId).toBe(1);
    expect([...dir.eosIds]).toEqual([2]);
    expect(dir.padId).toBe(0);
    expect(dir.generation.num_beams).toBe(3);
    expect(dir.generation.length_penalty).toBe(1);
    expect(dir.preprocessor.image_mean).toEqual([0.5, 0.5, 0.5]);
    expect(dir.tokenizer.decode([1, 4, 5, 2])).toBe('a dog');
  });

  it('names every missing file', () => {
    const { 'tokenizer.json': _t, 'onnx/encoder_model.onnx': _e, ...rest } = complete;
    expect(() => loadModelDirectory(modelDir(rest))).toThrow(
      /missing tokenizer\.json, onnx\/encoder_model\.onnx$/,
    );
  });

  it('says which field of which file is unsupported', () => {
    const dir = modelDir({ ...complete, 'config.json': { ...complete['config.json'], model_type: 'llama' } });
    expect(() => loadModelDirectory(dir)).toThrow(/config\.json: unsupported content: model_type/);
  });

  it('refuses resampling it cannot reproduce', () => {
    const dir = modelDir({
      ...complete,
      'preprocessor_config.json': { ...complete['preprocessor_config.json'], resample: 3 },
    });
    expect(() => loadModelDirectory(dir)).toThrow(/resample 3 is not supported/);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => loadModelDirectory('/nonexistent/model')).toThrow(/model directory not found/);
  });
});
