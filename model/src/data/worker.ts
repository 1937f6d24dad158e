/** Worker thread entry: loads the sprites once, then renders the image ranges the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchContext, loadStyleSprites, renderBatch } from './render-batch.ts';

export type WorkerRequest = { type: 'render'; start: number; end: number } | { type: 'stop' };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'progress'; images: number }
  | { type: 'rendered'; start: number; images: Awaited<ReturnType<typeof renderBatch>> }
  | { type: 'failed'; message: string };

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const context = workerData as BatchContext;
const sprites = await loadStyleSprites(context);
const reply = (message: WorkerReply) => port.postMessage(message);

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'stop') {
    port.close();
    return;
  }
  // Progress is batched: a message per image would cost more than the bar is worth.
  let pending = 0;
  renderBatch(context, sprites, request.start, request.end, () => {
    if (++pending === 25) {
      reply({ type: 'progress', images: pending });
      pending = 0;
    }
  })
    .then((images) => {
      if (pending > 0) reply({ type: 'progress', images: pending });
      reply({ type: 'rendered', start: request.start, images });
    })
    .catch((error: unknown) => reply({ type: 'failed', message: String(error) }));
});
reply({ type: 'ready' });
