import { describe, expect, it } from 'vitest';
import { decodePixelFrame, encodePixelFrame, pixelFrameSize } from '../../src/protocol/pixel-frame.ts';

describe('pixel frame', () => {
  it('lays out magic, version, id length, id, then the raw RGB bytes', () => {
    const frame = encodePixelFrame('r-1', new Uint8Array([10, 20, 30, 40, 50, 60]));
    expect([...frame]).toEqual([0x50, 1, 3, 0x72, 0x2d, 0x31, 10, 20, 30, 40, 50, 60]);
    expect(frame.length).toBe(pixelFrameSize('r-1', 2, 1));
  });

  it('round-trips the id and the pixels, without copying the pixels', () => {
    const rgb = new Uint8Array(4 * 3 * 3).map((_, i) => (i * 7) & 255);
    const id = 'edge-7:req.42_x';
    const frame = encodePixelFrame(id, rgb);
    const decoded = decodePixelFrame(frame);
    expect(decoded).toEqual({ ok: true, id, pixels: rgb });
    if (decoded.ok) expect(decoded.pixels.buffer).toBe(frame.buffer);
  });

  it('accepts a frame with an empty image, leaving the size check to the caller', () => {
    expect(decodePixelFrame(encodePixelFrame('a', new Uint8Array(0)))).toEqual({
      ok: true,
      id: 'a',
      pixels: new Uint8Array(0),
    });
  });

  it.each([
    ['too short for a header', [0x50, 1]],
    ['a wrong magic byte', [0x51, 1, 1, 0x61]],
    ['an unknown version', [0x50, 2, 1, 0x61]],
    ['an id length of 0', [0x50, 1, 0, 1, 2, 3]],
    ['an id length past the end', [0x50, 1, 5, 0x61, 0x62]],
    ['an id length over 64', [0x50, 1, 65, ...new Array<number>(70).fill(0x61)]],
    ['an id with a space', [0x50, 1, 2, 0x61, 0x20, 9, 9, 9]],
  ])('refuses a frame with %s', (_, bytes) => {
    const decoded = decodePixelFrame(new Uint8Array(bytes));
    expect(decoded.ok).toBe(false);
  });

  it('throws when asked to encode an invalid id or partial pixels', () => {
    expect(() => encodePixelFrame('', new Uint8Array(3))).toThrow(RangeError);
    expect(() => encodePixelFrame('é', new Uint8Array(3))).toThrow(RangeError);
    expect(() => encodePixelFrame('x'.repeat(65), new Uint8Array(3))).toThrow(RangeError);
    expect(() => encodePixelFrame('ok', new Uint8Array(4))).toThrow(RangeError);
  });
});
