import { request } from 'node:http';
import { AUTH_HEADER } from '@captioner/shared/protocol/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ScriptedEngine } from './scripted-engine.ts';
import { signedToken, startServer, TestClient, type TestServer } from './test-client.ts';

let running: TestServer;
let engine: ScriptedEngine;

beforeAll(async () => {
  engine = new ScriptedEngine();
  running = await startServer(engine);
});
afterAll(async () => {
  await running.server.close(0);
});

interface Refusal {
  status: number;
  body: string;
  upgraded: boolean;
}

/** Tries the upgrade and reports the HTTP answer: a refused handshake never becomes a WebSocket. */
function tryUpgrade(url: string, headers: Record<string, string>): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, upgraded: false }));
    });
    socket.on('open', () => {
      socket.terminate();
      resolve({ status: 101, body: '', upgraded: true });
    });
    socket.on('error', reject);
  });
}

describe('handshake authentication', () => {
  it('accepts a freshly signed token and says hello', async () => {
    const client = await TestClient.connect(running.url);
    expect((await client.hello()).model.name).toBe('scripted');
    await client.close();
  });

  it.each([
    ['no token', async () => ({}), 'auth_missing'],
    ['a malformed token', async () => ({ [AUTH_HEADER]: 'let-me-in' }), 'auth_malformed'],
    [
      'a token signed with another secret',
      async () => ({ [AUTH_HEADER]: await signedToken('another-secret-0123456789abcdef-xyz') }),
      'auth_invalid',
    ],
    [
      'a token two minutes old',
      async () => ({ [AUTH_HEADER]: await signedToken(undefined, Date.now() - 120_000) }),
      'auth_expired',
    ],
    [
      'a token from a minute and a half in the future',
      async () => ({ [AUTH_HEADER]: await signedToken(undefined, Date.now() + 90_000) }),
      'auth_expired',
    ],
  ])('refuses %s with 401 during the upgrade', async (_, headers, code) => {
    const before = engine.jobs.length;
    const refusal = await tryUpgrade(running.url, await headers());
    expect(refusal).toMatchObject({ status: 401, upgraded: false });
    expect(JSON.parse(refusal.body)).toEqual({ error: { code, message: expect.any(String) } });
    expect(engine.jobs.length).toBe(before);
  });

  it('refuses a replayed token', async () => {
    const token = await signedToken();
    expect(await tryUpgrade(running.url, { [AUTH_HEADER]: token })).toMatchObject({ upgraded: true });
    const replay = await tryUpgrade(running.url, { [AUTH_HEADER]: token });
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body).error.code).toBe('auth_replayed');
  });

  it('answers 404 on another path and counts refusals in /metrics', async () => {
    const refusal = await tryUpgrade(running.url.replace('/ws', '/socket'), {
      [AUTH_HEADER]: await signedToken(),
    });
    expect(refusal.status).toBe(404);
    const metrics = await new Promise<string>((resolve) => {
      request(`${running.httpUrl}/metrics`, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve(text));
      }).end();
    });
    expect(metrics).toContain('caption_worker_auth_failures_total{code="auth_missing"} 1');
    expect(metrics).toContain('caption_worker_auth_failures_total{code="auth_replayed"} 1');
  });
});
