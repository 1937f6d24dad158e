import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,gpu-worker,model,edge,tests,alt-text}/{src,test}/**/*.test.ts'],
    // Model and training tests spawn Python and ONNX sessions; two cores cannot run many at once.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
