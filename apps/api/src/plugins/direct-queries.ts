import type { TRPCError } from '@trpc/server';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Context } from '../context.js';
import { typeOf } from '../procedures.js';
import { createCaller } from '../root.js';
import { sendTrpcError } from './error-answers.js';

export interface DirectQueriesOptions {
  contextOf: (request: { req: FastifyRequest }) => Promise<Context>;
  onInternalError: (error: TRPCError, path: string, request: FastifyRequest) => void;
}

type Caller = ReturnType<typeof createCaller>;

/**
 * Single GET queries (`/<router>.<procedure>?input=<JSON>`), the API's hot path, are answered
 * by calling the procedure through tRPC's server-side caller, with the same context, middleware,
 * validation and error shape, instead of through tRPC's fetch adapter, whose Request and
 * Response objects cost several times the query itself. The answer is tRPC's own wire format,
 * `{"result":{"data":…}}`, and it leaves through the same onSend hooks (ETag, Cache-Control, the
 * response cache). Anything else (batches, mutations, streamed answers, input that is not one
 * JSON string) goes on to tRPC, which answers it or says what is wrong. Registered by the tRPC
 * mount (trpc-mount.ts), for its route only.
 */
export const directQueries = fp<DirectQueriesOptions>(
  async (app, { contextOf, onInternalError }) => {
    app.addHook('preHandler', async (request, reply) => {
      const call = request.trpcCall;
      if (request.method !== 'GET' || !call || call.batch) return;
      if (request.headers['trpc-accept'] !== undefined) return;
      const [path] = call.paths;
      if (path === undefined || typeOf(path) !== 'query') return;
      const raw = (request.query as Record<string, unknown>).input;
      let input: unknown;
      if (typeof raw === 'string') {
        try {
          input = JSON.parse(raw);
        } catch {
          return; // tRPC says what is wrong with it.
        }
      } else if (raw !== undefined) {
        return;
      }

      let ctx: Context | undefined;
      try {
        ctx = await contextOf({ req: request });
        const data = await queryAt(createCaller(ctx), path)(input);
        return reply.header('content-type', 'application/json').send(JSON.stringify({ result: { data } }));
      } catch (error) {
        // The caller hands every failure over as a TRPCError, as tRPC's adapter would answer it.
        const trpcError = error as TRPCError;
        if (trpcError.code === 'INTERNAL_SERVER_ERROR') onInternalError(trpcError, path, request);
        return sendTrpcError(request, reply, trpcError, ctx);
      }
    });
  },
  { name: 'direct-queries', fastify: '5.x', dependencies: ['trpc-calls'] },
);

/**
 * The caller's function for a query path known only at run time. tRPC's caller answers any
 * property path with a callable proxy; the compiler knows only literal ones, hence the casts.
 */
function queryAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  return target as (input: unknown) => Promise<unknown>;
}
