import type { TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from './context.js';
import { sendTrpcError } from './error-answers.js';
import { typeOf } from './procedures.js';
import { createCaller } from './root.js';

type CallableProcedure = (input: unknown) => Promise<unknown>;

/**
 * Single GET queries (`/<router>.<procedure>?input=<JSON>`), the API's hot path, are answered
 * by calling the procedure directly, with the same context, middleware, validation and error
 * shape, instead of through tRPC's fetch adapter, whose Request and Response objects cost
 * several times the query itself. The answer is tRPC's own wire format, `{"result":{"data":…}}`,
 * and it leaves through the same onSend hook (ETag, Cache-Control, the response cache).
 * Anything else (batches, mutations, streamed answers, input that is not one JSON string) goes
 * to tRPC, which answers it or says what is wrong.
 */
export function registerDirectQueries(
  app: FastifyInstance,
  options: {
    contextOf: (request: { req: FastifyRequest }) => Promise<Context>;
    onInternalError: (error: TRPCError, path: string, request: FastifyRequest) => void;
  },
): void {
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
      ctx = await options.contextOf({ req: request });
      const data = await procedureAt(createCaller(ctx), path)(input);
      return reply.header('content-type', 'application/json').send(JSON.stringify({ result: { data } }));
    } catch (error) {
      // The caller hands every failure over as a TRPCError, as tRPC's adapter would answer it.
      const trpcError = error as TRPCError;
      if (trpcError.code === 'INTERNAL_SERVER_ERROR') options.onInternalError(trpcError, path, request);
      return sendTrpcError(request, reply, trpcError, ctx);
    }
  });
}

function procedureAt(caller: object, path: string): CallableProcedure {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  return target as CallableProcedure;
}
