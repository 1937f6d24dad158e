import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

const png = (w: number, h: number) =>
  bytes('\x89PNG\r\n\x1a\n', be32(13), 'IHDR', be32(w), be32(h), [8, 2, 0, 0, 0]);

describe('sniffImage', () => {
  it('reads PNG dimensions from IHDR', () => {
    expect(sniffImage(png(640, 480))).toEqual({ ok: true, format: 'png', width: 640, height: 480 });
  });

  it('reads a decompression bomb’s claimed size without decoding anything', () => {
    expect(sniffImage(png(50_000, 50_000))).toMatchObject({ ok: true, width: 50_000, height: 50_000 });
  });

  it('reads JPEG dimensions from the frame header after other segments', () => {
    const app0 = [0xff, 0xe0, 0, 16, ...bytes('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const sof2 = [0xff, 0xc2, 0, 11, 8, ...[1, 0xe0], ...[2, 0x80], 1, 1, 0x11, 0];
    expect(sniffImage(new Uint8Array([0xff, 0xd8, ...app0, ...sof2]))).toEqual({
      ok: true,
      format: 'jpeg',
      width: 640,
      height: 480,
    });
  });

  it('refuses a JPEG whose scan starts before any frame header', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 8, 0, 0, 0, 0, 0, 0]))).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('reads GIF logical screen size', () => {
    expect(sniffImage(bytes('GIF89a', le16(300), le16(200), [0, 0, 0]))).toEqual({
      ok: true,
      format: 'gif',
      width: 300,
      height: 200,
    });
  });

  it('reads the three WebP headers: lossy, lossless and extended', () => {
    const riff = (chunk: string, data: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], data, new Array(16).fill(0));
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(320), ...le16(240)]);
    const bits = (320 - 1) | ((240 - 1) << 14);
    const lossless = riff('VP8L', [
      0x2f,
      bits & 255,
      (bits >>> 8) & 255,
      (bits >>> 16) & 255,
      (bits >>> 24) & 255,
    ]);
    const extended = riff('VP8X', [0x02, 0, 0, 0, ...le24(4000 - 1), ...le24(3000 - 1)]);
    expect(sniffImage(lossy)).toEqual({ ok: true, format: 'webp', width: 320, height: 240 });
    expect(sniffImage(lossless)).toEqual({ ok: true, format: 'webp', width: 320, height: 240 });
    expect(sniffImage(extended)).toEqual({ ok: true, format: 'webp', width: 4000, height: 3000 });
  });

  it('refuses SVG, even with a BOM, whitespace or a leading comment, and names it', () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '\uFEFF  <?xml version="1.0"?><svg/>',
      '<!-- x --><svg/>',
    ]) {
      const result = sniffImage(new TextEncoder().encode(text));
      expect(result).toEqual({
        ok: false,
        reason: 'unsupported',
        message: 'SVG images are not supported; send JPEG, PNG, WebP or GIF',
      });
    }
  });

  it('refuses other formats by name, and unknown bytes', () => {
    expect(sniffImage(bytes([0, 0, 0, 0x1c], 'ftypheic', new Array(8).fill(0)))).toMatchObject({
      message: 'HEIC images are not supported; send JPEG, PNG, WebP or GIF',
    });
    expect(sniffImage(bytes('BM', new Array(30).fill(0)))).toMatchObject({ reason: 'unsupported' });
    expect(sniffImage(bytes('hello world'))).toMatchObject({
      ok: false,
      reason: 'unsupported',
      message: 'the bytes are not an image in a supported format; send JPEG, PNG, WebP or GIF',
    });
  });

  it('calls a truncated header invalid, not unsupported', () => {
    expect(sniffImage(png(10, 10).subarray(0, 20))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(sniffImage(png(0, 10))).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
