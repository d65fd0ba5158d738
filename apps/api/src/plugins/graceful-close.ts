import { TRPCError } from '@trpc/server';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** True from the moment close() begins. */
    readonly closing: boolean;
  }
}

/**
 * A close that lets requests in flight finish: from the moment close() begins, `app.closing` is
 * true, requests that still arrive (on a kept-alive connection) get a tRPC-shaped 503 instead of
 * Fastify's own (return503OnClosing is off in app.ts), and every answer says `connection: close`,
 * or a keep-alive client would hold the close open. Connections with nothing in flight are then
 * closed by Fastify, and new ones refused.
 */
export const gracefulClose = fp(
  async (app) => {
    let closing = false;
    app.decorate('closing', {
      getter: () => closing,
    });
    app.addHook('preClose', async () => {
      closing = true;
      // One turn of the event loop before Fastify closes the idle keep-alive connections: a
      // request already on the wire when close() began is read now, and answered, not reset.
      await new Promise((resolve) => setImmediate(resolve));
    });
    app.addHook('onRequest', (_request, reply, done) => {
      if (!closing) return done();
      reply.header('connection', 'close');
      done(new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The API is shutting down; try again' }));
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
  },
  { name: 'graceful-close', fastify: '5.x' },
);
