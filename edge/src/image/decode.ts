import { resizeBilinear } from '@captioner/shared/image/resize.ts';
import { flattenRgba, type RgbImage } from '@captioner/shared/image/rgb-image.ts';
import { PhotonImage } from '@cf-wasm/photon';
import { ApiError } from '../errors/api-error.ts';
import { applyOrientation, readOrientation } from './orientation.ts';
import { type ImageFormat, sniffImage } from './sniff.ts';

export interface PreparedImage {
  /** RGB at the model's input size: what the GPU worker receives. */
  pixels: RgbImage;
  format: ImageFormat;
  /** Upright size of the uploaded image. */
  sourceWidth: number;
  sourceHeight: number;
}

export interface ImageLimits {
  /** Refused before decoding: the decoded RGBA frame and its copies must fit the isolate's memory. */
  maxPixels: number;
}

/** Decodes to RGBA with photon (a Rust `image` decoder in wasm; animations give their first frame). */
function decodeRgba(bytes: Uint8Array, format: string): { width: number; height: number; rgba: Uint8Array } {
  let image: PhotonImage | undefined;
  try {
    image = PhotonImage.new_from_byteslice(bytes);
    return { width: image.get_width(), height: image.get_height(), rgba: image.get_raw_pixels() };
  } catch {
    // The decoder panics (a wasm trap) on corrupt data; the instance stays usable for the next image.
    throw new ApiError(
      'invalid_image',
      `the ${format.toUpperCase()} data is corrupt or truncated and cannot be decoded`,
    );
  } finally {
    image?.free();
  }
}

/**
 * Uploaded bytes → model input: sniff the format and size from the bytes, refuse what is unsupported or over the
 * pixel budget before decoding, decode, composite alpha over white, turn upright by EXIF, and resize with the same
 * Pillow-exact bilinear the model was trained with.
 */
export function prepareImage(
  bytes: Uint8Array,
  target: { width: number; height: number },
  limits: ImageLimits,
): PreparedImage {
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) {
    throw new ApiError(
      sniffed.reason === 'unsupported' ? 'unsupported_media_type' : 'invalid_image',
      sniffed.message,
    );
  }
  const pixelCount = sniffed.width * sniffed.height;
  if (pixelCount > limits.maxPixels) {
    throw new ApiError(
      'payload_too_large',
      `a ${sniffed.width}x${sniffed.height} image has ${pixelCount} pixels, over the limit of ${limits.maxPixels}; ` +
        'downscale it before uploading',
    );
  }
  const orientation = readOrientation(bytes, sniffed.format);
  const decoded = decodeRgba(bytes, sniffed.format);
  if (decoded.width * decoded.height > limits.maxPixels) {
    throw new ApiError(
      'payload_too_large',
      `the decoded image is ${decoded.width}x${decoded.height}, over the limit`,
    );
  }
  const upright = applyOrientation(flattenRgba(decoded.width, decoded.height, decoded.rgba), orientation);
  return {
    pixels: resizeBilinear(upright, target.width, target.height),
    format: sniffed.format,
    sourceWidth: upright.width,
    sourceHeight: upright.height,
  };
}
