// Hostile image corpus, built in code: sharp (libvips) for well-formed files in unusual shapes and pixel formats,
// byte-level constructions for what no encoder writes on purpose (lying headers, bombs, polyglots).
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { encode, pattern } from '../edge/images.ts';

/** What the edge must answer: a caption (with the upright size it reports), or an error status and code. */
export type Expected =
  | {
      caption: true;
      image?: { format: string; width: number; height: number };
      sameAs?: () => Promise<Buffer>;
    }
  | { status: number; code: string; message?: string | RegExp };

export interface HostileCase {
  category: string;
  name: string;
  bytes: () => Promise<Buffer>;
  expected: Expected;
}

const refused = (status: number, code: string, message?: string | RegExp): Expected => ({
  status,
  code,
  ...(message === undefined ? {} : { message }),
});
const notAnImage = refused(415, 'unsupported_media_type');
const corrupt = refused(422, 'invalid_image');
const tooBig = refused(413, 'payload_too_large');

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG whose IHDR claims `width × height` RGB, followed by a few KB of deflated zero rows and IEND. */
function pngClaiming(width: number, height: number, rows = 4): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filters, not interlaced
  const raw = Buffer.alloc(Math.min(rows, height) * (1 + width * 3));
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Splits a PNG into chunks: [type, whole chunk bytes]. */
export function pngChunks(png: Buffer): { type: string; bytes: Buffer }[] {
  const chunks: { type: string; bytes: Buffer }[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const end = at + 12 + length;
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), bytes: png.subarray(at, end) });
    at = end;
  }
  return chunks;
}

/** A JPEG whose (first) start-of-frame header is rewritten to claim `width × height`. */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await encode('jpeg', 16, 16));
  for (let at = 2; at + 9 < jpeg.length; ) {
    const marker = jpeg[at + 1] ?? 0;
    if (marker === 0xc0 || marker === 0xc2) {
      jpeg.writeUInt16BE(height, at + 5);
      jpeg.writeUInt16BE(width, at + 7);
      return jpeg;
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no SOF in the test JPEG');
}

/** A GIF with its logical screen rewritten, or (frame = true) its first image descriptor's size. */
async function gifClaiming(width: number, height: number, frame = false): Promise<Buffer> {
  const gif = Buffer.from(await encode('gif', 10, 10));
  if (!frame) {
    gif.writeUInt16LE(width, 6);
    gif.writeUInt16LE(height, 8);
    return gif;
  }
  const descriptor = gif.indexOf(0x2c, 13);
  if (descriptor < 0) throw new Error('no image descriptor in the test GIF');
  gif.writeUInt16LE(width, descriptor + 5);
  gif.writeUInt16LE(height, descriptor + 7);
  return gif;
}

/** A WebP with only a VP8X header claiming a `width × height` canvas. */
function webpCanvas(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunk = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), vp8x]);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + chunk.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return Buffer.concat([riff, chunk, Buffer.alloc(64)]);
}

/** The pattern as a 16-bit RGB PNG written byte by byte: each 8-bit value v stored as v × 257, exactly v again in 8 bits. */
function png16(width: number, height: number): Buffer {
  const rgb = pattern(width, height);
  const rowBytes = 1 + width * 6;
  const rows = Buffer.alloc(height * rowBytes);
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * 3; i++)
      rows.writeUInt16BE((rgb[y * width * 3 + i] ?? 0) * 257, y * rowBytes + 1 + i * 2);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([16, 2, 0, 0, 0], 8);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const raw = (width: number, height: number, channels: 1 | 2 | 3 | 4 = 3) => ({
  raw: { width, height, channels },
});

/** The pattern image as `channels`-channel pixels. */
function patternChannels(width: number, height: number, channels: 1 | 2 | 4): Buffer {
  const rgb = pattern(width, height);
  const out = Buffer.alloc(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const grey = rgb[i * 3] ?? 0;
    if (channels === 1) out[i] = grey;
    else if (channels === 2) out.set([grey, 255], i * 2);
    else out.set([rgb[i * 3] ?? 0, rgb[i * 3 + 1] ?? 0, rgb[i * 3 + 2] ?? 0, 255], i * 4);
  }
  return out;
}

/** The grey channel of `patternChannels(…, 1)` as an RGB PNG: what a greyscale file must decode to. */
function greyAsRgbPng(width: number, height: number): Promise<Buffer> {
  const grey = patternChannels(width, height, 1);
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < grey.length; i++) rgb.fill(grey[i] ?? 0, i * 3, i * 3 + 3);
  return sharp(rgb, raw(width, height)).png().toBuffer();
}

const svg = (body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">${body}</svg>`);
const text = (s: string) => async () => Buffer.from(s, 'latin1');

/** The budget the hostile tests run the edge with (the default, 4 MiP). */
export const MAX_IMAGE_PIXELS = 4_194_304;

export const HOSTILE_IMAGES: HostileCase[] = [
  // Not an image at all, or a format the edge refuses by name.
  { category: 'wrong format', name: 'zero bytes', bytes: text(''), expected: notAnImage },
  { category: 'wrong format', name: 'one byte', bytes: text('\x89'), expected: notAnImage },
  {
    category: 'wrong format',
    name: 'PNG with its first magic byte changed',
    bytes: async () => {
      const png = Buffer.from(await encode('png', 16, 16));
      png[0] = 0x88;
      return png;
    },
    expected: notAnImage,
  },
  {
    category: 'wrong format',
    name: 'JPEG with SOI but no third 0xFF',
    bytes: async () => {
      const jpeg = Buffer.from(await encode('jpeg', 16, 16));
      jpeg[2] = 0x00;
      return jpeg;
    },
    expected: notAnImage,
  },
  {
    category: 'wrong format',
    name: 'SVG with a script',
    bytes: async () => svg('<script>alert(document.cookie)</script><rect width="64" height="64"/>'),
    expected: refused(
      415,
      'unsupported_media_type',
      'SVG images are not supported; send JPEG, PNG, WebP or GIF',
    ),
  },
  {
    category: 'wrong format',
    name: 'SVG with an onload handler, behind a BOM, whitespace and an XML declaration',
    bytes: async () =>
      Buffer.concat([
        Buffer.from('\uFEFF \n\t<?xml version="1.0"?>'),
        svg('<image href="x" onerror="alert(1)"/>').subarray(0),
      ]),
    expected: refused(415, 'unsupported_media_type', /^SVG images are not supported/),
  },
  {
    category: 'wrong format',
    name: 'HTML page with a script',
    bytes: text('<!DOCTYPE html><html><script>fetch("/v1/tokens")</script></html>'),
    expected: notAnImage,
  },
  {
    category: 'wrong format',
    name: 'PDF',
    bytes: text('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'),
    expected: notAnImage,
  },
  {
    category: 'wrong format',
    name: 'BMP',
    bytes: text(`BM${'\0'.repeat(60)}`),
    expected: refused(415, 'unsupported_media_type', /^BMP images are not supported/),
  },
  {
    category: 'wrong format',
    name: 'TIFF (sharp)',
    bytes: () => sharp(pattern(16, 16), raw(16, 16)).tiff().toBuffer(),
    expected: refused(415, 'unsupported_media_type', /^TIFF images are not supported/),
  },
  {
    category: 'wrong format',
    name: 'AVIF (sharp)',
    bytes: () => sharp(pattern(16, 16), raw(16, 16)).avif().toBuffer(),
    expected: refused(415, 'unsupported_media_type', /^AVIF images are not supported/),
  },
  {
    category: 'wrong format',
    name: 'HEIC brand',
    bytes: text('\0\0\0\x18ftypheic\0\0\0\0mif1heic'),
    expected: refused(415, 'unsupported_media_type', /^HEIC images are not supported/),
  },

  // Supported formats, broken.
  {
    category: 'truncated/corrupt',
    name: 'PNG signature only',
    bytes: async () => PNG_SIGNATURE,
    expected: refused(422, 'invalid_image', 'not a readable PNG: no IHDR chunk'),
  },
  ...(['png', 'jpeg', 'webp', 'gif'] as const).flatMap((format) =>
    [0.1, 0.5, 0.8].map(
      (fraction): HostileCase => ({
        category: 'truncated/corrupt',
        name: `${format} cut at ${fraction * 100}%`,
        bytes: async () => {
          const whole = await encode(format, 96, 64);
          return whole.subarray(0, Math.floor(whole.length * fraction));
        },
        expected: corrupt,
      }),
    ),
  ),
  {
    category: 'truncated/corrupt',
    name: 'PNG with IHDR width 0',
    bytes: async () => pngClaiming(0, 16),
    expected: refused(422, 'invalid_image', 'not a readable PNG: header says 0x16'),
  },
  {
    category: 'truncated/corrupt',
    name: 'PNG whose IDAT is random bytes (valid CRC)',
    bytes: async () => {
      const chunks = pngChunks(await encode('png', 32, 32));
      const idat = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 73 + 11) & 255));
      return Buffer.concat([
        PNG_SIGNATURE,
        ...chunks.map((c) => (c.type === 'IDAT' ? pngChunk('IDAT', idat) : c.bytes)),
      ]);
    },
    expected: corrupt,
  },
  {
    category: 'truncated/corrupt',
    name: 'PNG without IDAT',
    bytes: async () => {
      const chunks = pngChunks(await encode('png', 32, 32));
      return Buffer.concat([PNG_SIGNATURE, ...chunks.filter((c) => c.type !== 'IDAT').map((c) => c.bytes)]);
    },
    expected: corrupt,
  },
  {
    category: 'truncated/corrupt',
    name: 'GIF header followed by garbage (GIF/JavaScript polyglot)',
    bytes: text('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(document.domain);//'),
    expected: corrupt,
  },
  {
    category: 'truncated/corrupt',
    name: 'JPEG whose segment lengths run past the end',
    bytes: async () => {
      const jpeg = Buffer.from(await encode('jpeg', 16, 16));
      jpeg.writeUInt16BE(0xfff0, 4); // APP0 length
      return jpeg;
    },
    expected: corrupt,
  },
  {
    category: 'truncated/corrupt',
    name: 'WebP with an unknown first chunk',
    bytes: async () => {
      const webp = Buffer.from(await encode('webp', 16, 16));
      webp.write('VP9 ', 12, 'latin1');
      return webp;
    },
    expected: corrupt,
  },

  // Small files that claim (or decode to) huge frames: refused by their header before any decoder allocates.
  {
    category: 'decompression bombs',
    name: 'PNG claiming 65535×65535 (a few hundred bytes)',
    bytes: async () => pngClaiming(65_535, 65_535, 1),
    expected: refused(413, 'payload_too_large', /^a 65535x65535 image has 4294836225 pixels/),
  },
  {
    category: 'decompression bombs',
    name: 'PNG of 2049×2048 zero pixels, just over the budget (deflate ratio ~1000)',
    bytes: () =>
      sharp({ create: { width: 2049, height: 2048, channels: 3, background: '#000' } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    expected: tooBig,
  },
  {
    category: 'decompression bombs',
    name: 'JPEG whose frame header claims 65500×65500',
    bytes: () => jpegClaiming(65_500, 65_500),
    expected: tooBig,
  },
  {
    category: 'decompression bombs',
    name: 'GIF whose logical screen is 65535×65535',
    bytes: () => gifClaiming(65_535, 65_535),
    expected: tooBig,
  },
  {
    category: 'decompression bombs',
    name: 'WebP whose VP8X canvas is 16384×16384',
    bytes: async () => webpCanvas(16_384, 16_384),
    expected: tooBig,
  },
  {
    category: 'decompression bombs',
    name: 'GIF with a 10×10 screen but a 60000×60000 frame',
    bytes: () => gifClaiming(60_000, 60_000, true),
    expected: corrupt,
  },
  {
    category: 'decompression bombs',
    name: 'PNG of 2048×2048 zero pixels, exactly the budget: decoded and captioned',
    bytes: () =>
      sharp({ create: { width: 2048, height: 2048, channels: 3, background: '#000' } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    expected: { caption: true, image: { format: 'png', width: 2048, height: 2048 } },
  },

  // Well-formed files in extreme shapes.
  ...(
    [
      [1, 1],
      [1, 4000],
      [4000, 1],
      [3, 2000],
      [65_000, 2],
    ] as const
  ).map(
    ([w, h]): HostileCase => ({
      category: 'extreme shapes',
      name: `${w}×${h} PNG`,
      bytes: () => sharp(pattern(w, h), raw(w, h)).png().toBuffer(),
      expected: { caption: true, image: { format: 'png', width: w, height: h } },
    }),
  ),
  {
    category: 'extreme shapes',
    name: '2×3000 JPEG',
    bytes: () => sharp(pattern(2, 3000), raw(2, 3000)).jpeg().toBuffer(),
    expected: { caption: true, image: { format: 'jpeg', width: 2, height: 3000 } },
  },

  // Pixel formats other than 8-bit RGB: decoded to the same pixels as their RGB equivalent where one exists.
  {
    category: 'pixel formats',
    name: 'greyscale PNG = the same greys as RGB',
    bytes: () =>
      sharp(patternChannels(40, 30, 1), raw(40, 30, 1))
        .png()
        .toBuffer(),
    expected: {
      caption: true,
      image: { format: 'png', width: 40, height: 30 },
      sameAs: () => greyAsRgbPng(40, 30),
    },
  },
  {
    category: 'pixel formats',
    name: 'grey + alpha PNG (opaque) = the same greys as RGB',
    bytes: () =>
      sharp(patternChannels(40, 30, 2), raw(40, 30, 2))
        .png()
        .toBuffer(),
    expected: { caption: true, sameAs: () => greyAsRgbPng(40, 30) },
  },
  {
    category: 'pixel formats',
    name: 'RGBA PNG, fully transparent = white',
    bytes: () =>
      sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0 } } })
        .png()
        .toBuffer(),
    expected: {
      caption: true,
      sameAs: () =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
    },
  },
  {
    category: 'pixel formats',
    name: '16-bit RGB PNG = the 8-bit one',
    bytes: async () => png16(40, 30),
    expected: {
      caption: true,
      image: { format: 'png', width: 40, height: 30 },
      sameAs: () => encode('png', 40, 30),
    },
  },
  {
    category: 'pixel formats',
    name: '16-bit RGB PNG (sharp)',
    bytes: () => sharp(pattern(40, 30), raw(40, 30)).toColourspace('rgb16').png().toBuffer(),
    expected: { caption: true, image: { format: 'png', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: '16-bit greyscale PNG',
    bytes: () =>
      sharp(patternChannels(40, 30, 1), raw(40, 30, 1))
        .toColourspace('grey16')
        .png()
        .toBuffer(),
    expected: { caption: true, image: { format: 'png', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: 'palette PNG',
    bytes: () => sharp(pattern(40, 30), raw(40, 30)).png({ palette: true, colours: 16 }).toBuffer(),
    expected: { caption: true, image: { format: 'png', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: 'interlaced (Adam7) PNG = the plain one',
    bytes: () => sharp(pattern(40, 30), raw(40, 30)).png({ progressive: true }).toBuffer(),
    expected: { caption: true, sameAs: () => encode('png', 40, 30) },
  },
  {
    category: 'pixel formats',
    name: 'CMYK JPEG',
    bytes: () => sharp(pattern(40, 30), raw(40, 30)).toColourspace('cmyk').jpeg().toBuffer(),
    expected: { caption: true, image: { format: 'jpeg', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: 'greyscale JPEG',
    bytes: () =>
      sharp(patternChannels(40, 30, 1), raw(40, 30, 1))
        .jpeg()
        .toBuffer(),
    expected: { caption: true, image: { format: 'jpeg', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: 'progressive JPEG',
    bytes: () => sharp(pattern(40, 30), raw(40, 30)).jpeg({ progressive: true }).toBuffer(),
    expected: { caption: true, image: { format: 'jpeg', width: 40, height: 30 } },
  },
  {
    category: 'pixel formats',
    name: 'lossy WebP with alpha',
    bytes: () =>
      sharp(patternChannels(40, 30, 4), raw(40, 30, 4))
        .webp({ quality: 50 })
        .toBuffer(),
    expected: { caption: true, image: { format: 'webp', width: 40, height: 30 } },
  },

  // Animations: the first frame.
  {
    category: 'animations',
    name: 'animated GIF, 40 frames',
    bytes: () => {
      const frames = Buffer.concat(Array.from({ length: 40 }, (_, i) => Buffer.alloc(48 * 32 * 3, i * 6)));
      return sharp(frames, { raw: { width: 48, height: 32 * 40, channels: 3, pageHeight: 32 } })
        .gif()
        .toBuffer();
    },
    expected: { caption: true, image: { format: 'gif', width: 48, height: 32 } },
  },
  {
    category: 'animations',
    name: 'animated lossy WebP, 3 frames = its first frame',
    bytes: () =>
      sharp(Buffer.concat([pattern(32, 32), Buffer.alloc(32 * 32 * 6, 90)]), {
        raw: { width: 32, height: 96, channels: 3, pageHeight: 32 },
      })
        .webp({ lossless: true })
        .toBuffer(),
    expected: {
      caption: true,
      image: { format: 'webp', width: 32, height: 32 },
      sameAs: () => encode('png', 32, 32),
    },
  },

  // EXIF orientations 1..8: the reported size is the upright one.
  ...[1, 2, 3, 4, 5, 6, 7, 8].map(
    (orientation): HostileCase => ({
      category: 'EXIF orientations',
      name: `JPEG with orientation ${orientation}`,
      bytes: () => encode('jpeg', 40, 24, { orientation }),
      expected: {
        caption: true,
        image: { format: 'jpeg', width: orientation >= 5 ? 24 : 40, height: orientation >= 5 ? 40 : 24 },
      },
    }),
  ),

  // Polyglots: one file that is two things. Read as the image its magic says, or refused.
  {
    category: 'polyglots',
    name: 'PNG with an HTML page and a ZIP appended after IEND',
    bytes: async () =>
      Buffer.concat([
        await encode('png', 32, 32),
        Buffer.from('<html><script>alert(1)</script></html>PK\x03\x04\x14\0\0\0\0\0', 'latin1'),
      ]),
    expected: { caption: true, sameAs: () => encode('png', 32, 32) },
  },
  {
    category: 'polyglots',
    name: 'JPEG with a script in a comment segment',
    bytes: async () => {
      const jpeg = await encode('jpeg', 32, 32);
      const comment = Buffer.from('<script>alert(1)</script>', 'latin1');
      const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
      return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
    },
    expected: { caption: true, sameAs: () => encode('jpeg', 32, 32) },
  },
  {
    category: 'polyglots',
    name: 'PNG with a tEXt chunk holding SVG markup',
    bytes: async () => {
      const chunks = pngChunks(await encode('png', 32, 32));
      const text = pngChunk('tEXt', Buffer.from('Comment\0<svg onload="alert(1)"/>', 'latin1'));
      return Buffer.concat([
        PNG_SIGNATURE,
        chunks[0]?.bytes ?? Buffer.alloc(0),
        text,
        ...chunks.slice(1).map((c) => c.bytes),
      ]);
    },
    expected: { caption: true, sameAs: () => encode('png', 32, 32) },
  },
  {
    category: 'polyglots',
    name: 'SVG text with a PNG embedded after it',
    bytes: async () => Buffer.concat([svg('<script>alert(1)</script>'), await encode('png', 16, 16)]),
    expected: refused(415, 'unsupported_media_type', /^SVG images are not supported/),
  },
];
