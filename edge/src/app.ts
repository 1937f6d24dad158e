import { Hono } from 'hono';
import { altTextScript } from './alt-text/alt-text-route.ts';
import { apiKeyAuth } from './auth/api-key-auth.ts';
import { corsForPublishableKeys } from './auth/cors.ts';
import { captionsRoute } from './captions/captions-route.ts';
import { tokensRoute } from './captions/tokens-route.ts';
import { wsRoute } from './captions/ws-route.ts';
import { readEdgeConfig } from './config/edge-config.ts';
import { demoPage } from './demo/demo-page.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors/api-error.ts';
import { handleError } from './errors/on-error.ts';
import { rateLimit } from './limits/rate-limit.ts';
import { openApiDocument } from './openapi/openapi-document.ts';
import { getModelInfo, getRelayStatus } from './relay/relay-client.ts';

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) => {
    throw new ApiError(
      'not_found',
      `no route ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json`,
    );
  });

  app.get('/', (c) => c.html(demoPage(readEdgeConfig(c.env).demoPublishableKey)));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/alt-text.js', altTextScript);

  app.get('/healthz', async (c) => {
    const status = await getRelayStatus(c.env);
    const ok = status.healthy > 0 || status.total === 0;
    return c.json({ status: ok ? 'ok' : 'degraded', gpu_workers: status }, ok ? 200 : 503);
  });

  // Before the key middleware: the socket authenticates with a token (or a key) itself, and rate-limits per caption.
  app.route('/v1/captions/ws', wsRoute);

  app.use('/v1/*', corsForPublishableKeys());
  app.use('/v1/*', apiKeyAuth());
  app.use('/v1/*', rateLimit());

  app.get('/v1/models', async (c) => {
    const model = await getModelInfo(c.env);
    return c.json({
      data: [
        {
          id: model.name,
          input_width: model.inputWidth,
          input_height: model.inputHeight,
          max_beams: model.maxBeams,
          max_words: model.maxWords,
          supports_attention: model.supportsAttention,
        },
      ],
    });
  });
  app.route('/v1/captions', captionsRoute);
  app.route('/v1/tokens', tokensRoute);
  return app;
}
