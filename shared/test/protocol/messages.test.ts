import { describe, expect, it } from 'vitest';
import { resolveCaptionRequest } from '../../src/protocol/caption-request.ts';
import type { CaptionMessage, WorkerLimits, WorkerMessage } from '../../src/protocol/messages.ts';
import { parseEdgeMessage, parseWorkerMessage } from '../../src/protocol/parse.ts';

const limits: WorkerLimits = {
  maxBeams: 5,
  maxWords: 20,
  maxPixelFrameBytes: 3 + 8 + 32 * 32 * 3,
  maxConcurrentRequests: 4,
  defaultTimeoutMs: 30_000,
  maxTimeoutMs: 60_000,
};

const caption = (extra: Partial<CaptionMessage> = {}): CaptionMessage => ({
  type: 'caption',
  id: 'req-0001',
  width: 32,
  height: 32,
  ...extra,
});

describe('parseEdgeMessage', () => {
  it('reads caption and cancel messages', () => {
    const text = JSON.stringify(caption({ options: { beams: 3, attention: true }, timeoutMs: 500 }));
    expect(parseEdgeMessage(text)).toEqual({ ok: true, message: JSON.parse(text) });
    expect(parseEdgeMessage('{"type":"cancel","id":"a"}')).toEqual({
      ok: true,
      message: { type: 'cancel', id: 'a' },
    });
  });

  it('refuses text that is not JSON as a connection error', () => {
    expect(parseEdgeMessage('{"type":')).toMatchObject({ ok: false, code: 'invalid_json' });
  });

  it('refuses an unknown type without naming a request, even when the text has an id', () => {
    const parsed = parseEdgeMessage('{"type":"cancle","id":"a"}');
    expect(parsed).toEqual({
      ok: false,
      code: 'invalid_message',
      message: "unknown message type 'cancle' (expected caption or cancel)",
    });
  });

  it.each([
    ['a missing width', { type: 'caption', id: 'r1', height: 4 }, 'width'],
    ['a fractional height', { ...caption(), id: 'r1', height: 4.5 }, 'height'],
    ['a string beam count', { ...caption(), id: 'r1', options: { beams: '3' } }, 'options.beams'],
    ['beams of 0', { ...caption(), id: 'r1', options: { beams: 0 } }, 'options.beams'],
    ['a misspelt option', { ...caption(), id: 'r1', options: { beam: 3 } }, 'options'],
    ['an unknown field', { ...caption(), id: 'r1', priority: 1 }, '(message)'],
  ])('refuses a caption with %s as that request failing', (_, message, path) => {
    const parsed = parseEdgeMessage(JSON.stringify(message));
    expect(parsed).toMatchObject({ ok: false, code: 'invalid_request', id: 'r1' });
    if (!parsed.ok) expect(parsed.message).toContain(path);
  });

  it('refuses a caption whose id is unusable as a connection error', () => {
    expect(parseEdgeMessage(JSON.stringify(caption({ id: 'has space' })))).toMatchObject({
      ok: false,
      code: 'invalid_message',
    });
    expect(parseEdgeMessage('{"type":"cancel","id":7}')).toMatchObject({
      ok: false,
      code: 'invalid_message',
    });
    expect(parseEdgeMessage('[1,2]')).toMatchObject({ ok: false, code: 'invalid_message' });
    expect(parseEdgeMessage('null')).toMatchObject({ ok: false, code: 'invalid_message' });
  });
});

describe('parseWorkerMessage', () => {
  const messages: WorkerMessage[] = [
    {
      type: 'hello',
      protocol: 1,
      model: {
        name: 'scenes-small',
        inputWidth: 128,
        inputHeight: 128,
        imageMean: [0.5, 0.5, 0.5],
        imageStd: [0.5, 0.5, 0.5],
        supportsAttention: true,
      },
      limits,
    },
    { type: 'word', id: 'a', index: 0, text: 'two', attention: [0.25, 0.75] },
    {
      type: 'result',
      id: 'a',
      caption: 'two dogs',
      confidence: 0.5,
      alternatives: [{ caption: 'two dogs', score: -0.7 }],
      tokens: 2,
      timings: { queueMs: 1, encodeMs: 2, decodeMs: 3, totalMs: 6 },
      attentionGrid: { rows: 4, cols: 4 },
    },
    { type: 'error', id: 'a', code: 'cancelled', message: 'cancelled by the client', retryable: false },
    { type: 'error', code: 'invalid_json', message: 'not JSON', retryable: false },
  ];

  it.each(messages.map((m) => [m.type, m]))('round-trips %s through JSON', (_, message) => {
    expect(parseWorkerMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it('refuses an error with a code outside the protocol', () => {
    const text = JSON.stringify({ type: 'error', code: 'oops', message: '', retryable: false });
    expect(parseWorkerMessage(text)).toMatchObject({ ok: false, code: 'invalid_message' });
  });
});

describe('resolveCaptionRequest', () => {
  it('fills defaults from the limits', () => {
    expect(resolveCaptionRequest(caption(), limits, false)).toEqual({
      ok: true,
      options: { beams: 1, maxWords: 20, alternatives: 1, attention: false },
      timeoutMs: 30_000,
    });
  });

  it('keeps options inside the limits', () => {
    const request = caption({
      options: { beams: 5, maxWords: 20, alternatives: 5, attention: true },
      timeoutMs: 1,
    });
    expect(resolveCaptionRequest(request, limits, true)).toEqual({
      ok: true,
      options: { beams: 5, maxWords: 20, alternatives: 5, attention: true },
      timeoutMs: 1,
    });
  });

  it.each([
    [{ options: { beams: 6 } }, 'invalid_options', 'beams must be 1..5, got 6'],
    [{ options: { maxWords: 21 } }, 'invalid_options', 'maxWords must be 1..20, got 21'],
    [
      { options: { beams: 2, alternatives: 3 } },
      'invalid_options',
      'alternatives must be 1..beams (2), got 3',
    ],
    [{ timeoutMs: 60_001 }, 'invalid_options', 'timeoutMs must be 1..60000, got 60001'],
    [{ options: { attention: true } }, 'attention_unsupported', 'this model has no cross-attention outputs'],
    [{ width: 33 }, 'frame_too_large', 'a 33x32 image needs a 3179-byte frame'],
  ] as const)('refuses %j with %s', (extra, code, message) => {
    const resolved = resolveCaptionRequest(caption(extra), limits, false);
    expect(resolved).toMatchObject({ ok: false, code });
    if (!resolved.ok) expect(resolved.message).toContain(message);
  });
});
