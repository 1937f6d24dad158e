/**
 * Spreads a split's image ranges over worker threads. Each image's seed depends only on its index, so the
 * output is the same whichever worker renders which range.
 */
import { Worker } from 'node:worker_threads';
import type { BatchContext, RenderedImage } from './render-batch.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/** Images per message: large enough to amortise messaging, small enough to keep both workers busy. */
const MAX_CHUNK = 250;

/**
 * Node 20 does not run tsx's loader inside worker threads, so a worker cannot start from worker.ts
 * directly: this bootstrap registers tsx in the worker first, then imports the TypeScript entry.
 */
const WORKER_BOOTSTRAP = `
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.resolve('./worker.ts'))}); });
`;

export async function renderWithWorkers(
  context: BatchContext,
  count: number,
  workers: number,
  onImages: (images: number) => void,
): Promise<RenderedImage[]> {
  const chunk = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(count / (workers * 4))));
  const results: RenderedImage[][] = [];
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: context });
      const send = (request: WorkerRequest) => worker.postMessage(request);
      const sendNext = () => {
        if (next >= count) {
          send({ type: 'stop' });
          return;
        }
        const start = next;
        next = Math.min(count, next + chunk);
        send({ type: 'render', start, end: next });
      };
      worker.on('message', (message: WorkerReply) => {
        if (message.type === 'ready') sendNext();
        else if (message.type === 'progress') onImages(message.images);
        else if (message.type === 'rendered') {
          results[message.start / chunk] = message.images;
          sendNext();
        } else {
          reject(new Error(`scene worker failed: ${message.message}`));
          void worker.terminate();
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: workers }, runWorker));
  const images = results.flat();
  if (images.length !== count) throw new Error(`workers rendered ${images.length} of ${count} images`);
  return images;
}
