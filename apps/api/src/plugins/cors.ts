import fastifyCors from '@fastify/cors';
import fp from 'fastify-plugin';

/**
 * CORS for the browser origins in API_CORS_ORIGINS, through @fastify/cors: preflights, and
 * `Access-Control-Allow-Origin` with `Vary: Origin` on answers to those origins only.
 */
export const cors = fp<{ origins: string[] }>(
  async (app, { origins }) => {
    await app.register(fastifyCors, {
      // No origins configured: no CORS headers at all, so browsers allow same-origin calls only.
      origin: origins.length > 0 ? origins : false,
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'trpc-accept', 'x-request-id'],
      exposedHeaders: ['etag', 'retry-after', 'x-request-id'],
      maxAge: 600,
    });
  },
  { name: 'cors', fastify: '5.x' },
);
