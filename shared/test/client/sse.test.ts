// The SSE reader on answers with the edge's framing, split into chunks at every possible byte: events must come
// out whole and in order whatever the network's chunking.
import { describe, expect, it } from 'vitest';
import type { CaptionStreamEvent } from '../../src/client/caption-result.ts';
import { openSseCaption } from '../../src/client/http-transport.ts';

const result = {
  id: 'cap_1',
  caption: 'a red circle',
  confidence: 0.9,
  alternatives: [{ caption: 'a red circle', score: -0.1 }],
  model: 'm',
  timings: { total_ms: 3, worker_ms: 2 },
  image: { format: 'png', width: 4, height: 4 },
};
const body = [
  'event: word\ndata: {"index":0,"text":"a"}\n\n',
  ': a comment line\n\n',
  'event: word\ndata: {"index":1,"text":"red"}\n\n',
  'event: word\r\ndata: {"index":2,"text":"circle"}\r\n\r\n',
  `event: done\ndata: ${JSON.stringify(result)}\n\n`,
].join('');

function answer(text: string, cut: number): typeof fetch {
  const bytes = new TextEncoder().encode(text);
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
}

async function read(fetchAnswer: typeof fetch): Promise<CaptionStreamEvent[]> {
  const events: CaptionStreamEvent[] = [];
  const stream = await openSseCaption(
    { endpoint: 'http://edge.test', key: 'k', fetch: fetchAnswer },
    new Uint8Array([1]),
    {},
  );
  for await (const event of stream) events.push(event);
  return events;
}

describe('SSE caption stream', () => {
  it('yields the words then done, wherever the chunks are cut', async () => {
    const length = new TextEncoder().encode(body).length;
    for (let cut = 0; cut <= length; cut += 7) {
      expect(await read(answer(body, cut))).toEqual([
        { type: 'word', index: 0, text: 'a' },
        { type: 'word', index: 1, text: 'red' },
        { type: 'word', index: 2, text: 'circle' },
        { type: 'done', result },
      ]);
    }
  });

  it('an error event rejects with its code; a stream cut short is backend_error', async () => {
    const failed =
      'event: word\ndata: {"index":0,"text":"a"}\n\nevent: error\ndata: {"code":"backend_error","message":"lost"}\n\n';
    await expect(read(answer(failed, 5))).rejects.toMatchObject({ code: 'backend_error', message: 'lost' });
    await expect(read(answer('event: word\ndata: {"index":0,"text":"a"}\n\n', 3))).rejects.toMatchObject({
      code: 'backend_error',
      message: 'the caption stream ended without a result; send the request again',
    });
    await expect(read(answer('event: done\ndata: {"caption": 3}\n\n', 3))).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});
