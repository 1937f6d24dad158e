import { isRequestId, MAX_REQUEST_ID_LENGTH } from './request-id.ts';

/**
 * Binary pixel frame, one per `caption` message, sent after it on the same socket:
 *
 *   offset 0      u8   magic 0x50 ('P')
 *   offset 1      u8   frame version (1)
 *   offset 2      u8   L = byte length of the request id (1..64)
 *   offset 3      L    request id, ASCII
 *   offset 3 + L  ...  RGB bytes: width × height × 3, row-major, interleaved, no row padding
 *
 * Width and height travel in the `caption` message, so the frame carries no other header.
 */
export const PIXEL_FRAME_MAGIC = 0x50;
export const PIXEL_FRAME_VERSION = 1;
const HEADER_BYTES = 3;

/** Bytes of the frame that carries a width × height RGB image for `id`. */
export function pixelFrameSize(id: string, width: number, height: number): number {
  return HEADER_BYTES + id.length + width * height * 3;
}

/** Builds a frame; throws on an id the protocol refuses, so a bad frame never leaves the sender. */
export function encodePixelFrame(id: string, rgb: Uint8Array): Uint8Array {
  if (!isRequestId(id)) throw new RangeError(`encodePixelFrame: invalid request id ${JSON.stringify(id)}`);
  if (rgb.length % 3 !== 0) {
    throw new RangeError(`encodePixelFrame: ${rgb.length} bytes is not a whole number of RGB pixels`);
  }
  const frame = new Uint8Array(HEADER_BYTES + id.length + rgb.length);
  frame[0] = PIXEL_FRAME_MAGIC;
  frame[1] = PIXEL_FRAME_VERSION;
  frame[2] = id.length;
  for (let i = 0; i < id.length; i++) frame[HEADER_BYTES + i] = id.charCodeAt(i);
  frame.set(rgb, HEADER_BYTES + id.length);
  return frame;
}

export type DecodedPixelFrame =
  | { ok: true; id: string /** A view into the frame, not a copy. */; pixels: Uint8Array }
  | { ok: false; message: string };

/** Reads a frame's header. Never throws; whether the pixel count fits the request is the caller's check. */
export function decodePixelFrame(frame: Uint8Array): DecodedPixelFrame {
  if (frame.length < HEADER_BYTES)
    return { ok: false, message: `frame of ${frame.length} bytes has no header` };
  if (frame[0] !== PIXEL_FRAME_MAGIC) {
    return { ok: false, message: `bad magic byte 0x${(frame[0] ?? 0).toString(16)} (expected 0x50)` };
  }
  if (frame[1] !== PIXEL_FRAME_VERSION) {
    return { ok: false, message: `unsupported frame version ${frame[1]} (expected ${PIXEL_FRAME_VERSION})` };
  }
  const idLength = frame[2] ?? 0;
  if (idLength < 1 || idLength > MAX_REQUEST_ID_LENGTH || frame.length < HEADER_BYTES + idLength) {
    return { ok: false, message: `bad request id length ${idLength} in a ${frame.length}-byte frame` };
  }
  const id = String.fromCharCode(...frame.subarray(HEADER_BYTES, HEADER_BYTES + idLength));
  if (!isRequestId(id)) return { ok: false, message: 'request id in frame header is not a valid id' };
  return { ok: true, id, pixels: frame.subarray(HEADER_BYTES + idLength) };
}
