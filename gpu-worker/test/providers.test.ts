import { describe, expect, it } from 'vitest';
import { CaptionModel } from '../src/model/caption-model.ts';
import { providerUnavailable } from '../src/model/providers.ts';

describe('execution providers', () => {
  it('always has cpu', () => {
    expect(providerUnavailable('cpu')).toBeUndefined();
  });

  it('names the choices for an unknown provider', () => {
    expect(providerUnavailable('tpu')).toMatch(
      /unknown execution provider "tpu" \(choose cpu, cuda, webgpu\)/,
    );
  });

  it('says how to install CUDA when its provider library is absent, before loading any model', async () => {
    // This machine (and CI) has no CUDA provider library: the install script that fetches it cannot run offline.
    await expect(CaptionModel.load('/nonexistent', { provider: 'cuda' })).rejects.toThrow(
      /CUDA provider of onnxruntime-node is not installed.*ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node/,
    );
  });
});
