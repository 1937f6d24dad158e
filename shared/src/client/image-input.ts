/**
 * What can be captioned: image bytes (any of JPEG, PNG, WebP, GIF; the edge reads the format from the bytes), or
 * a public http(s) URL for the edge to fetch.
 */
export type CaptionImage = Blob | ArrayBuffer | ArrayBufferView | { url: string };

/** Options of one caption (docs/api.md); undefined leaves the service's default. */
export interface CaptionOptions {
  beams?: number;
  maxWords?: number;
  alternatives?: number;
  attention?: boolean;
}

export function isUrlImage(image: CaptionImage): image is { url: string } {
  return typeof image === 'object' && image !== null && 'url' in image && typeof image.url === 'string';
}

/** Bad arguments fail at once, before anything is sent. */
export function checkImage(image: CaptionImage): void {
  if (isUrlImage(image)) {
    if (!/^https?:\/\//i.test(image.url)) throw new TypeError('image.url must be an http(s) URL');
    return;
  }
  if (!(image instanceof Blob || image instanceof ArrayBuffer || ArrayBuffer.isView(image))) {
    throw new TypeError('image must be a Blob, ArrayBuffer, typed array or { url }');
  }
}

export function checkOptions(options: CaptionOptions): void {
  for (const name of ['beams', 'maxWords', 'alternatives'] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new TypeError(`${name} must be a positive integer`);
    }
  }
}

/** The options as the API names them, for a query string or a JSON body. */
export function apiOptionFields(options: CaptionOptions): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  if (options.beams !== undefined) fields.beams = options.beams;
  if (options.maxWords !== undefined) fields.max_words = options.maxWords;
  if (options.alternatives !== undefined) fields.alternatives = options.alternatives;
  if (options.attention !== undefined) fields.attention = options.attention;
  return fields;
}

/** Image bytes as one `ArrayBuffer` (what WebSocket `send` and `fetch` bodies take on every runtime). */
export async function imageBytes(image: Blob | ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> {
  if (image instanceof Blob) return image.arrayBuffer();
  if (image instanceof ArrayBuffer) return image;
  const copy = new Uint8Array(image.byteLength);
  copy.set(new Uint8Array(image.buffer, image.byteOffset, image.byteLength));
  return copy.buffer;
}
