import { z } from 'zod';
import { WS_TOKEN_TTL_SECONDS } from '../auth/ws-token.ts';
import { API_ERROR_CODES, API_ERROR_STATUS, type ApiErrorCode } from '../errors/api-error.ts';
import {
  CaptionResponseSchema,
  ErrorBodySchema,
  HealthResponseSchema,
  ModelsResponseSchema,
  TokenResponseSchema,
} from './schemas.ts';

const schema = (s: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { unrepresentable: 'any' });
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ 'application/json': { schema: ref(name) } });

function errorResponses(codes: ApiErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes)
    byStatus.set(API_ERROR_STATUS[code], [...(byStatus.get(API_ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.join(', '), content: jsonContent('Error') },
    ]),
  );
}

const optionParameters = [
  {
    name: 'beams',
    schema: { type: 'integer', minimum: 1, maximum: 8, default: 3 },
    description: 'Beam width; 1 is greedy',
  },
  {
    name: 'max_words',
    schema: { type: 'integer', minimum: 1 },
    description: "Longest caption; default the model's limit",
  },
  {
    name: 'alternatives',
    schema: { type: 'integer', minimum: 1, maximum: 8 },
    description: 'n-best count, 1..beams; default beams',
  },
  {
    name: 'attention',
    schema: { type: 'boolean', default: false },
    description: 'Attention map (one weight per image patch) with every word',
  },
  {
    name: 'stream',
    schema: { type: 'boolean', default: false },
    description: 'Answer with server-sent events, as Accept: text/event-stream does',
  },
].map((p) => ({ ...p, in: 'query', required: false }));

const imageBinary = { schema: { type: 'string', format: 'binary' } };
const authErrors: ApiErrorCode[] = ['unauthorized', 'forbidden_origin', 'rate_limited'];

/** The public API as OpenAPI 3.1, served at `/openapi.json`. Response schemas are the ones the code emits. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Streaming image captioning API',
      version: '1.0.0',
      description:
        'Captions images word by word. Authenticate with `Authorization: Bearer <key>`: secret keys (sk_) from ' +
        'servers, publishable keys (pk_) from the browser origins configured for them. Every error is ' +
        '`{"error": {"code", "message"}}` with a stable code: ' +
        API_ERROR_CODES.map((c) => `${c} (${API_ERROR_STATUS[c]})`).join(', '),
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A secret (sk_) or publishable (pk_) API key',
        },
        wsToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: `A token from POST /v1/tokens (valid ${WS_TOKEN_TTL_SECONDS} s), or the subprotocol token.<token>`,
        },
      },
      schemas: {
        CaptionResponse: schema(CaptionResponseSchema),
        Error: schema(ErrorBodySchema),
        Models: schema(ModelsResponseSchema),
        Token: schema(TokenResponseSchema),
        Health: schema(HealthResponseSchema),
      },
    },
    paths: {
      '/v1/captions': {
        post: {
          summary: 'Caption an image',
          description:
            'The image as raw bytes (any of the image types below; the format is read from the bytes, SVG is ' +
            'refused), as multipart field `image`, or as JSON `{"image": "data:…;base64,…"}` or `{"url": "https://…"}` ' +
            '(public http(s) addresses only). Options as query parameters or body fields. JSON by default; with ' +
            '`Accept: text/event-stream` or `stream=true`, server-sent events: `word` `{index, text, attention?}` in ' +
            'order, then exactly one `done` (the CaptionResponse) or `error` (`{code, message}`). A request refused ' +
            'before its first word gets an ordinary HTTP error instead of a stream.',
          parameters: optionParameters,
          requestBody: {
            required: true,
            content: {
              'image/jpeg': imageBinary,
              'image/png': imageBinary,
              'image/webp': imageBinary,
              'image/gif': imageBinary,
              'application/octet-stream': imageBinary,
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['image'],
                  properties: {
                    image: { type: 'string', format: 'binary' },
                    ...Object.fromEntries(optionParameters.map((p) => [p.name, p.schema])),
                  },
                },
              },
              'application/json': {
                schema: {
                  type: 'object',
                  oneOf: [{ required: ['image'] }, { required: ['url'] }],
                  properties: {
                    image: { type: 'string', description: 'A base64 data URL' },
                    url: { type: 'string', format: 'uri' },
                    ...Object.fromEntries(optionParameters.map((p) => [p.name, p.schema])),
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'The caption (JSON), or its stream of events (text/event-stream)',
              content: {
                ...jsonContent('CaptionResponse'),
                'text/event-stream': {
                  schema: { type: 'string', description: 'event: word | done | error; data: JSON' },
                },
              },
            },
            ...errorResponses([
              'invalid_request',
              'payload_too_large',
              'unsupported_media_type',
              'invalid_image',
              ...authErrors,
              'backend_error',
              'backend_unavailable',
            ]),
          },
        },
      },
      '/v1/captions/ws': {
        get: {
          summary: 'Caption over a WebSocket',
          description:
            'Send `{"type": "caption", "id", beams?, max_words?, alternatives?, attention?}` then the image as one ' +
            'binary frame; many requests may be in flight. The edge answers `{"type": "word", "id", index, text}`, ' +
            'then `{"type": "done", "request_id", …CaptionResponse}` or `{"type": "error", "id", code, message}`. ' +
            '`{"type": "cancel", "id"}` ends a request (answered by an error with code `cancelled`); closing the ' +
            'socket cancels all of them. Browsers authenticate with a token from POST /v1/tokens, as `?token=` or ' +
            'the subprotocol `token.<token>` (offer `captions.v1` too); servers may send `Authorization`.',
          security: [{ wsToken: [] }, { bearer: [] }],
          responses: {
            '101': { description: 'Switching to the caption WebSocket' },
            ...errorResponses(['invalid_request', 'unauthorized', 'forbidden_origin']),
          },
        },
      },
      '/v1/tokens': {
        post: {
          summary: 'Mint a short-lived WebSocket token',
          description: "A publishable key's token is bound to the request's Origin.",
          responses: {
            '200': { description: 'The token', content: jsonContent('Token') },
            ...errorResponses(authErrors),
          },
        },
      },
      '/v1/models': {
        get: {
          summary: 'The model the GPU workers serve',
          responses: {
            '200': { description: 'Models', content: jsonContent('Models') },
            ...errorResponses([...authErrors, 'backend_unavailable']),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Health of the edge and its GPU workers',
          security: [],
          responses: {
            '200': { description: 'At least one GPU worker is reachable', content: jsonContent('Health') },
            '503': { description: 'No GPU worker is reachable', content: jsonContent('Health') },
          },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      '/': { get: { summary: 'The demo page', security: [], responses: { '200': { description: 'HTML' } } } },
    },
  };
}
