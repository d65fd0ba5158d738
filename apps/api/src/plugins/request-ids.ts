import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';

/** A client's own request id is kept when it is this plain; anything else gets a fresh one. */
const saneRequestId = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * A request's id: the caller's own x-request-id when it is plain, else a fresh UUID. Fastify's
 * genReqId (app.ts) and the front server, for the answers it sends itself, both use it.
 */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && saneRequestId.test(incoming) ? incoming : randomUUID();
}

/** Every answer names its request's id (x-request-id), as every log line about it does (reqId). */
export const requestIds = fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  },
  { name: 'request-ids', fastify: '5.x' },
);
