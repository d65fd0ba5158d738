import type { Store } from '@newsroom/db';
import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { type Context, createHttpContextFactory, type DeskSettings } from '../context.js';
import { etagOf, ifNoneMatchHits } from '../http-cache.js';
import { openApiDocument } from '../openapi/document.js';
import {
  bodyInputOf,
  matchRest,
  queryInputOf,
  type RestMatch,
  type RestOperation,
  restOperationsOf,
} from '../openapi/rest-routes.js';
import { createCaller } from '../root.js';
import { sendTrpcError } from './error-answers.js';
import { apiReference } from './openapi-reference.js';

export interface OpenApiOptions {
  store: Store;
  /** DESK_URL and the session lengths (DESK_SESSION_*), for sessions sent as Bearer. */
  desk: DeskSettings;
  /** WEBHOOK_ALLOW_PRIVATE. */
  webhookAllowPrivate: boolean;
}

type FastifyErrorHandler = NonNullable<RouteOptions['errorHandler']>;

/** Where the REST paths are: one route, matched against the description's operations. */
const restRoute = '/v1/*';

declare module 'fastify' {
  interface FastifyRequest {
    /** What a `/v1/…` request calls, found when it arrives; null elsewhere. */
    restMatch: RestMatch | null;
  }
}

/**
 * The API described by OpenAPI 3.1 (`GET /openapi.json`, made by trpc-to-openapi from the
 * procedures' zod schemas: src/openapi/document.ts), its REST paths under `/v1/`, and the
 * interactive reference at `/docs` (openapi-reference.ts).
 *
 * A REST request is a call of one procedure: when it arrives, `request.trpcCall` names that
 * procedure, as for tRPC's own `/<router>.<procedure>`, so the plugins after this one treat it
 * the same way (the request checks, the rate limits on writes, the HTTP caching of public reads,
 * the access log's care with secrets). It is answered by calling the procedure through tRPC's
 * caller, with the same context (`Authorization: Bearer`), middleware, validation and error
 * shape; only the answer differs: the procedure's data itself rather than `{"result":{"data":…}}`.
 * Registered right after trpc-calls, so its hook runs before those plugins' hooks.
 */
export const openApi = fp<OpenApiOptions>(
  async (app, { store, desk, webhookAllowPrivate }) => {
    const document = openApiDocument();
    const operations = restOperationsOf(document);
    const contextOf = createHttpContextFactory(store, desk, webhookAllowPrivate);

    app.decorateRequest('restMatch', null);
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.routeOptions.url !== restRoute) return done();
      const match = matchRest(operations, request.method, request.url.split('?')[0] ?? '/');
      request.restMatch = match;
      if (match.operation) request.trpcCall = { batch: false, paths: [match.operation.procedure] };
      done();
    });

    // Failures raised before the handler (a limit, a refused request, a closing API) are
    // answered by the API's own error handler (error-answers.ts), looked up when one happens:
    // Fastify fixes a route's handler when the plugin that declares it has loaded, and that
    // one is set later.
    const errorHandler: FastifyErrorHandler = (error, request, reply) =>
      app.errorHandler(error, request, reply);

    const documentBody = JSON.stringify(document);
    const documentEtag = etagOf(Buffer.from(documentBody));
    app.get('/openapi.json', { config: { ownCaching: true }, errorHandler }, (request, reply) => {
      // The same for every reader until the API is upgraded: caches may keep it a while and ask again.
      reply.header('cache-control', 'public, max-age=300').header('etag', documentEtag);
      if (ifNoneMatchHits(request.headers['if-none-match'], documentEtag)) return reply.code(304).send();
      return reply.type('application/json').send(documentBody);
    });

    app.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: restRoute,
      errorHandler,
      handler: async (request, reply) => {
        const match = request.restMatch;
        if (!match?.operation) return refuse(request, reply, match);
        const { operation, params } = match;
        let ctx: Context | undefined;
        try {
          ctx = await contextOf({ req: request });
          const input =
            operation.method === 'GET'
              ? queryInputOf(operation, request.query as Record<string, string | string[]>, params)
              : bodyInputOf(request.body, params);
          const data = await procedureAt(createCaller(ctx), operation)(input);
          return reply.type('application/json').send(JSON.stringify(data ?? null));
        } catch (error) {
          const trpcError =
            error instanceof TRPCError
              ? error
              : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
          if (trpcError.code === 'INTERNAL_SERVER_ERROR') {
            request.log.error(
              { err: trpcError.cause ?? trpcError, path: operation.procedure },
              'Unexpected error in a procedure',
            );
          }
          return sendTrpcError(request, reply, trpcError, ctx);
        }
      },
    });

    await app.register(apiReference, { documentUrl: '/openapi.json', errorHandler });
  },
  { name: 'openapi', fastify: '5.x', dependencies: ['trpc-calls'] },
);

/** 404 for a path the description does not have, 405 (with Allow) for one it has with other methods. */
function refuse(request: FastifyRequest, reply: FastifyReply, match: RestMatch | null) {
  const path = (request.url.split('?')[0] ?? '/').slice(0, 200);
  const allowed = match?.operation === null ? match.allowed : [];
  if (allowed.length > 0) {
    reply.header(
      'allow',
      [...new Set(allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))].join(', '),
    );
    return sendTrpcError(
      request,
      reply,
      new TRPCError({
        code: 'METHOD_NOT_SUPPORTED',
        message: `${request.method} is not supported at ${path}: use ${allowed.join(' or ')}`,
      }),
    );
  }
  return sendTrpcError(
    request,
    reply,
    new TRPCError({
      code: 'NOT_FOUND',
      message: `Nothing at ${request.method} ${path}: the /v1 paths are listed in /openapi.json`,
    }),
  );
}

type Caller = ReturnType<typeof createCaller>;

/**
 * The caller's function for an operation's procedure. tRPC's caller answers any property path
 * with a callable proxy; the compiler knows only literal ones, hence the casts.
 */
function procedureAt(caller: Caller, operation: RestOperation): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of operation.procedure.split('.')) target = (target as Record<string, unknown>)[key];
  return target as (input: unknown) => Promise<unknown>;
}
