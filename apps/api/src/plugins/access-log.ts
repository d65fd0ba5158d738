import fp from 'fastify-plugin';

/** Longest URL written to the log: a hostile URL may be 16 KB. */
const loggedUrlLength = 300;

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
          url:
            request.url.length > loggedUrlLength ? `${request.url.slice(0, loggedUrlLength)}…` : request.url,
          statusCode: reply.statusCode,
          responseTimeMs: Math.round(reply.elapsedTime),
          clientAddress: request.ip,
        },
        'Request completed',
      );
      done();
    });
  },
  { name: 'access-log', fastify: '5.x' },
);
