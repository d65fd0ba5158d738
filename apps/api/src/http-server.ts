import { createServer, type Server } from 'node:http';
import type { Store } from '@newsroom/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createHttpContextFactory } from './context.js';
import { appRouter } from './root.js';

export interface ApiServerOptions {
  store: Store;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  maxBodyBytes?: number;
  /** Where unexpected errors are reported; expected ones (4xx) are the client's business. */
  logError?: (message: string, error: unknown) => void;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * The API as a node:http server: tRPC procedures at `/<router>.<procedure>` (plain JSON, dates
 * as ISO-8601 strings) and `/health` for load balancers.
 */
export function createApiServer(options: ApiServerOptions): Server {
  const { store, maxBodyBytes = 1_000_000, logError = console.error } = options;
  const trpc = createHTTPHandler({
    router: appRouter,
    createContext: createHttpContextFactory(store),
    maxBodySize: maxBodyBytes,
    // Lets clients send a query's input as a POST body when it is too long for a URL.
    allowMethodOverride: true,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logError(`API error in ${path ?? '(unknown)'}`, error.cause ?? error);
    },
  });

  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    if (req.url === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      try {
        const articles = await store.articleCount();
        sendJson(res, 200, { status: 'ok', articles });
      } catch (error) {
        logError('Health check failed', error);
        sendJson(res, 503, { status: 'unavailable' });
      }
      return;
    }
    trpc(req, res);
  });

  // Requests Node refuses before any handler runs (a URL or headers over 16 KB, say) still
  // get a JSON answer that says what to do, not a bare status.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const message = tooLarge
      ? 'The URL or headers are too large (16 KB at most); send large input as a POST body'
      : 'The request is not valid HTTP';
    const body = JSON.stringify({
      error: { message, data: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } },
    });
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  // Slow clients must not hold connections forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}
