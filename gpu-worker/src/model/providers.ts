import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'webgpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

/**
 * onnxruntime-node lists `cuda` as a backend even when its binaries are absent: they are downloaded by the
 * package's install script, which cannot run offline (it is installed here with ONNXRUNTIME_NODE_INSTALL=skip).
 * So look for the provider library itself.
 */
function cudaInstalled(): boolean {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('onnxruntime-node/package.json'));
  return existsSync(
    join(
      root,
      'bin',
      'napi-v6',
      `${process.platform}`,
      `${process.arch}`,
      'libonnxruntime_providers_cuda.so',
    ),
  );
}

/** Why `provider` cannot run here, or undefined when it can. */
export function providerUnavailable(provider: string): string | undefined {
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(provider)) {
    return `unknown execution provider "${provider}" (choose ${EXECUTION_PROVIDERS.join(', ')})`;
  }
  if (provider === 'cuda' && !cudaInstalled()) {
    return (
      'CUDA was asked for, but the CUDA provider of onnxruntime-node is not installed (its install script downloads it; ' +
      'this project installs with ONNXRUNTIME_NODE_INSTALL=skip because it cannot run offline). On a machine with ' +
      'internet, CUDA 12 and cuDNN 9: `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node`; or use --provider cpu'
    );
  }
  return undefined;
}
