import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthReport {
  status: 'ok' | 'draining';
  model: string;
  queueDepth: number;
  activeRequests: number;
  connections: number;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** `/healthz` (503 while draining, so a load balancer stops routing here) and `/metrics`; nothing else. */
export function createHttpRoutes(health: () => HealthReport, registry: Registry) {
  return function serveHttp(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { error: { code: 'method_not_allowed', message: 'only GET is served' } });
    } else if (path === '/healthz') {
      const report = health();
      sendJson(response, report.status === 'ok' ? 200 : 503, report);
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          sendJson(response, 500, { error: { code: 'internal', message: String(error) } });
        },
      );
    } else {
      sendJson(response, 404, {
        error: { code: 'not_found', message: `no route ${path}; try /healthz, /metrics` },
      });
    }
  };
}
