import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appendVary } from '../http-cache.js';

/** The route tRPC's Fastify adapter serves (trpc-mount.ts): one path segment, `article.list` or a batch `a.b,c.d`. */
export const trpcRoute = '/:path';

/** The procedures a tRPC request calls. */
export interface TrpcCall {
  batch: boolean;
  paths: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What this request calls, read from its URL before anything else runs; null off the tRPC route. */
    trpcCall: TrpcCall | null;
  }
}

/**
 * tRPC requests as the other plugins see them: `request.trpcCall` names the procedures a request
 * calls from the moment it arrives (for limits and caching, before its body is read), and the
 * adapter's answer, a fetch Response, is read back into the reply, so the hooks after this one
 * see its status, headers and body. An answer that is not JSON (an event stream) stays a
 * Response and passes through.
 */
export const trpcCalls = fp(
  async (app) => {
    app.decorateRequest('trpcCall', null);
    app.addHook('onRequest', (request, _reply, done) => {
      request.trpcCall = trpcCallOf(request);
      done();
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (!isFetchResponse(payload)) return done(null, payload);
      reply.code(payload.status);
      const readWhole = payload.headers.get('content-type')?.startsWith('application/json') ?? false;
      for (const [name, value] of payload.headers) {
        // An answer read whole is sent with its length: a streamed one's framing must not follow it.
        if (readWhole && name === 'transfer-encoding') continue;
        reply.header(name, name === 'vary' ? appendVary(reply.getHeader('vary'), value) : value);
      }
      if (!readWhole) return done(null, payload);
      payload.text().then(
        (text) => done(null, text),
        (error: Error) => done(error),
      );
    });
  },
  { name: 'trpc-calls', fastify: '5.x' },
);

function trpcCallOf(request: FastifyRequest): TrpcCall | null {
  if (request.routeOptions.url !== trpcRoute) return null;
  const { path } = request.params as { path: string };
  const batch = (request.query as Record<string, unknown>).batch === '1';
  return { batch, paths: batch ? path.split(',') : [path] };
}

/** Whether an answer is still tRPC's own fetch Response: one that is not JSON, which later hooks leave alone. */
export function isFetchResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Response]'
  );
}
