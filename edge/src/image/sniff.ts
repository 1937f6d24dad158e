/**
 * Format and dimensions from the first bytes of an image, never from a Content-Type header, and without decoding:
 * the pixel budget is checked on these dimensions before any decoder allocates a frame.
 */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';
export const SUPPORTED_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'gif'];

export type SniffResult =
  | { ok: true; format: ImageFormat; width: number; height: number }
  /** `unsupported`: a known format we refuse (SVG, HEIC, …) or nothing recognisable; `invalid`: a supported
   * format whose header is broken or truncated. */
  | { ok: false; reason: 'unsupported' | 'invalid'; message: string };

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 65_536 + u16be(b, at + 2);
const u32le = (b: Uint8Array, at: number): number => u16le(b, at) + u16le(b, at + 2) * 65_536;

const invalid = (format: ImageFormat, why: string): SniffResult => ({
  ok: false,
  reason: 'invalid',
  message: `not a readable ${format.toUpperCase()}: ${why}`,
});

function sized(format: ImageFormat, width: number, height: number): SniffResult {
  if (width < 1 || height < 1) return invalid(format, `header says ${width}x${height}`);
  return { ok: true, format, width, height };
}

function sniffPng(b: Uint8Array): SniffResult {
  // Signature, then the IHDR chunk: length (4), "IHDR", width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return invalid('png', 'no IHDR chunk');
  return sized('png', u32be(b, 16), u32be(b, 20));
}

function sniffGif(b: Uint8Array): SniffResult {
  // Logical screen size: the canvas every frame is drawn on, so the decoded frame has this size.
  if (b.length < 10) return invalid('gif', 'truncated header');
  return sized('gif', u16le(b, 6), u16le(b, 8));
}

// Start-of-frame markers carry the size: SOF0–3, 5–7, 9–11, 13–15 (C4 is DHT, C8 JPG, CC DAC).
const isStartOfFrame = (m: number): boolean =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function sniffJpeg(b: Uint8Array): SniffResult {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return invalid('jpeg', `expected a marker at byte ${at}`);
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return invalid('jpeg', 'image data before any frame header');
    const length = u16be(b, at + 2);
    if (length < 2) return invalid('jpeg', `segment length ${length} at byte ${at}`);
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) break;
      return sized('jpeg', u16be(b, at + 7), u16be(b, at + 5));
    }
    at += 2 + length;
  }
  return invalid('jpeg', 'truncated before the frame header');
}

function sniffWebp(b: Uint8Array): SniffResult {
  if (b.length < 30) return invalid('webp', 'truncated header');
  const chunk = ascii(b, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) {
      return invalid('webp', 'bad VP8 start code');
    }
    return sized('webp', u16le(b, data + 6) & 0x3fff, u16le(b, data + 8) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (b[data] !== 0x2f) return invalid('webp', 'bad VP8L signature');
    const bits = u32le(b, data + 1);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return sized('webp', u24le(b, data + 4) + 1, u24le(b, data + 7) + 1);
  return invalid('webp', `unknown first chunk ${JSON.stringify(chunk)}`);
}

/** Formats we recognise only to refuse them by name. */
function refusedFormat(b: Uint8Array): string | undefined {
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    return /^(avi[fs])$/.test(brand)
      ? 'AVIF'
      : /^(hei[cxsm]|mif1|msf1|hevc)$/.test(brand)
        ? 'HEIC'
        : undefined;
  }
  if (ascii(b, 0, 2) === 'BM') return 'BMP';
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return 'TIFF';
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return 'ICO';
  if (b[0] === 0xff && b[1] === 0x0a) return 'JPEG XL';
  // SVG is text: skip a BOM and whitespace, then look for an XML declaration, a doctype, a comment or <svg.
  const head = new TextDecoder().decode(b.subarray(0, 512)).replace(/^\uFEFF?\s*/, '');
  if (/^<(\?xml|!doctype svg|svg|!--)/i.test(head)) return 'SVG';
  return undefined;
}

export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return sniffPng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return sniffJpeg(bytes);
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return sniffGif(bytes);
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return sniffWebp(bytes);
  }
  const refused = refusedFormat(bytes);
  return {
    ok: false,
    reason: 'unsupported',
    message:
      refused === undefined
        ? 'the bytes are not an image in a supported format; send JPEG, PNG, WebP or GIF'
        : `${refused} images are not supported; send JPEG, PNG, WebP or GIF`,
  };
}
