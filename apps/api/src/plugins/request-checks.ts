import { TRPCError } from '@trpc/server';
import fp from 'fastify-plugin';

/**
 * tRPC requests refused from their URL and headers alone, before their body is read: a method
 * other than GET, HEAD or POST (405), a POST body that is not JSON (415), a batch of more than
 * API_MAX_BATCH calls (400).
 */
export const requestChecks = fp<{ maxBatch: number }>(
  async (app, { maxBatch }) => {
    app.addHook('onRequest', (request, reply, done) => {
      const call = request.trpcCall;
      if (!call) return done();
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
        reply.header('allow', 'GET, HEAD, POST');
        return done(
          new TRPCError({
            code: 'METHOD_NOT_SUPPORTED',
            message: `${request.method} is not supported: use GET for queries and POST for mutations`,
          }),
        );
      }
      // tRPC would answer other types itself, but as JSON labelled text/plain, and it also reads
      // multipart and binary bodies, which no procedure here takes.
      if (request.method === 'POST' && !isJson(request.headers['content-type'])) {
        return done(
          new TRPCError({
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'Send the input as a JSON body with Content-Type: application/json',
          }),
        );
      }
      if (call.batch && call.paths.length > maxBatch) {
        return done(
          new TRPCError({
            code: 'BAD_REQUEST',
            message: `A batch may hold at most ${maxBatch} calls (API_MAX_BATCH); this one has ${call.paths.length}`,
          }),
        );
      }
      done();
    });
  },
  { name: 'request-checks', fastify: '5.x', dependencies: ['trpc-calls'] },
);

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
