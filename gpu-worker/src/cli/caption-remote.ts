import { readFile } from 'node:fs/promises';
import { CaptionApiError, type CaptionResult, streamCaption } from '@captioner/shared/client/index.ts';
import { WebSocket } from 'ws';

export interface RemoteCaptionOptions {
  endpoint: string;
  key: string;
  transport: 'sse' | 'websocket';
  beams?: number;
  maxWords?: number;
  alternatives?: number;
  json: boolean;
}

/**
 * `caption --url`: captions files through a running edge, one at a time, writing each word to the terminal as
 * soon as the service streams it ("file<TAB>word word …"). With `--json`, prints the answers as one array instead.
 */
export async function captionRemote(files: readonly string[], options: RemoteCaptionOptions): Promise<void> {
  const results: (CaptionResult & { file: string })[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    if (!options.json) process.stdout.write(`${file}\t`);
    const events = streamCaption(bytes, {
      endpoint: options.endpoint,
      key: options.key,
      transport: options.transport,
      beams: options.beams,
      maxWords: options.maxWords,
      alternatives: options.alternatives,
      // Node 20 has no global WebSocket.
      WebSocket,
      onRetry: ({ delayMs, error }) =>
        process.stderr.write(`caption: ${error.code}, retrying in ${(delayMs / 1000).toFixed(1)} s\n`),
    });
    for await (const event of events) {
      if (event.type === 'word' && !options.json) {
        process.stdout.write(event.index === 0 ? event.text : ` ${event.text}`);
      } else if (event.type === 'done') {
        results.push({ file, ...event.result });
        if (!options.json) process.stdout.write('\n');
      }
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

/** One line for the terminal: the API's code and message. */
export function describeRemoteError(error: unknown): string | undefined {
  return error instanceof CaptionApiError ? `${error.code}: ${error.message}` : undefined;
}
