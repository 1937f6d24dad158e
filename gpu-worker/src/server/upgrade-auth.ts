import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AUTH_HEADER,
  type AuthCheck,
  importAuthSecret,
  NonceCache,
  verifyAuthToken,
} from '@captioner/shared/protocol/index.ts';

/** Checks the edge's signed handshake header on an upgrade request; see `shared/src/protocol/auth.ts`. */
export type UpgradeAuthenticator = (request: IncomingMessage) => Promise<AuthCheck>;

export async function createUpgradeAuthenticator(secret: string): Promise<UpgradeAuthenticator> {
  const key = await importAuthSecret(secret);
  const nonces = new NonceCache();
  return async function authenticateUpgrade(request) {
    const header = request.headers[AUTH_HEADER];
    // A repeated header is not a token; joining makes it fail the format check.
    const token = Array.isArray(header) ? header.join(',') : header;
    return verifyAuthToken(key, token, nonces);
  };
}

/**
 * Answers an upgrade request with a plain HTTP error and closes the socket, before any WebSocket exists: the same
 * `{error: {code, message}}` body as the HTTP routes.
 */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  if (status === 401) headers.push(`WWW-Authenticate: CaptionHMAC header="${AUTH_HEADER}"`);
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
