import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { takesSecret } from '../procedures.js';

/** Longest URL written to the log: a hostile URL may be 16 KB. */
const loggedUrlLength = 300;

/**
 * The URL as the log may keep it: cut short, and without its query when a procedure it calls
 * takes a secret (an invitation's key, a preview link's token), since logs outlive links and
 * are read by more people than the link was sent to.
 */
function loggedUrlOf(request: FastifyRequest): string {
  const url = request.trpcCall?.paths.some(takesSecret)
    ? `${request.url.split('?')[0]}?(input not logged: it holds a secret)`
    : request.url;
  return url.length > loggedUrlLength ? `${url.slice(0, loggedUrlLength)}…` : url;
}

/**
 * One log line per request once it is answered (Fastify's own two are off, in app.ts): method,
 * URL, status, time taken and the client's address, with the request id as `reqId`.
 */
export const accessLog = fp(
  async (app) => {
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          url: loggedUrlOf(request),
          statusCode: reply.statusCode,
          responseTimeMs: Math.round(reply.elapsedTime),
          clientAddress: request.ip,
        },
        'Request completed',
      );
      done();
    });
  },
  { name: 'access-log', fastify: '5.x', dependencies: ['trpc-calls'] },
);
