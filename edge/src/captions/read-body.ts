import { ApiError } from '../errors/api-error.ts';

/** What a `POST /v1/captions` body carried: image bytes or a URL to fetch, and option fields. */
export interface CaptionBody {
  image: { bytes: Uint8Array } | { url: string };
  fields: Record<string, unknown>;
}

const tooLarge = (limit: number) =>
  new ApiError(
    'payload_too_large',
    `the request body is over the limit of ${limit} bytes; send a smaller image`,
  );

/** Reads a body, refusing it as soon as it passes `limit` bytes (a missing Content-Length must not bypass it). */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function decodeDataUrl(value: string, maxBytes: number): Uint8Array {
  const match = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(value);
  if (match === null || !(match[2] ?? '').includes(';base64')) {
    throw new ApiError('invalid_request', '"image" must be a base64 data URL: data:image/png;base64,…');
  }
  const base64 = (match[3] ?? '').replace(/\s+/g, '');
  if ((base64.length * 3) / 4 > maxBytes) throw tooLarge(maxBytes);
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    throw new ApiError('invalid_request', '"image" is not valid base64');
  }
}

async function readJson(request: Request, maxBytes: number): Promise<CaptionBody> {
  // Base64 is 4/3 the size of the image, plus room for the other fields.
  const text = new TextDecoder().decode(
    await readLimited(request.body, Math.ceil((maxBytes * 4) / 3) + 4096),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(
      'invalid_request',
      'the JSON body must be an object: {"image": "data:…"} or {"url": "https://…"}',
    );
  }
  const { image, url, ...fields } = value as Record<string, unknown>;
  if (typeof image === 'string' && url === undefined)
    return { image: { bytes: decodeDataUrl(image, maxBytes) }, fields };
  if (typeof url === 'string' && image === undefined) return { image: { url }, fields };
  throw new ApiError('invalid_request', 'send exactly one of "image" (a data URL) or "url" (a string)');
}

async function readMultipart(request: Request, contentType: string, maxBytes: number): Promise<CaptionBody> {
  // Buffered under the limit first: formData() itself would read any size.
  const bytes = await readLimited(request.body, maxBytes + 64 * 1024);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ApiError('invalid_request', 'the multipart body cannot be parsed');
  }
  const fields: Record<string, unknown> = {};
  let image: Uint8Array | undefined;
  for (const [name, value] of form) {
    if (name === 'image' && typeof value !== 'string') image = new Uint8Array(await value.arrayBuffer());
    else if (typeof value === 'string') fields[name] = value;
    else
      throw new ApiError(
        'invalid_request',
        `unexpected file field "${name}"; send the image as field "image"`,
      );
  }
  if (image === undefined)
    throw new ApiError('invalid_request', 'the multipart body has no file field "image"');
  if (image.byteLength > maxBytes) throw tooLarge(maxBytes);
  return { image: { bytes: image }, fields };
}

/**
 * The three ways to send an image: raw bytes (any `image/*` or `application/octet-stream` type; the format is
 * read from the bytes), multipart field `image`, or JSON with a data URL or a URL.
 */
export async function readCaptionBody(request: Request, maxBytes: number): Promise<CaptionBody> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > Math.ceil((maxBytes * 4) / 3) + 64 * 1024)
    throw tooLarge(maxBytes);
  if (mediaType.startsWith('image/') || mediaType === 'application/octet-stream') {
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
    return { image: { bytes: await readLimited(request.body, maxBytes) }, fields: {} };
  }
  if (mediaType === 'multipart/form-data') return readMultipart(request, contentType, maxBytes);
  if (mediaType === 'application/json') return readJson(request, maxBytes);
  throw new ApiError(
    'unsupported_media_type',
    `Content-Type ${mediaType === '' ? '(none)' : mediaType} is not accepted; send image bytes with an image/* type, ` +
      'multipart/form-data with field "image", or application/json',
  );
}
