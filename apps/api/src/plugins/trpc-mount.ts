import type { Store } from '@newsroom/db';
import type { TRPCError } from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createHttpContextFactory, type DeskSettings } from '../context.js';
import { type AppRouter, appRouter } from '../root.js';
import { directQueries } from './direct-queries.js';
import { logStoreFault, retryAfterHeaders } from './error-answers.js';

export interface TrpcMountOptions {
  store: Store;
  /** API_MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** DESK_URL and the session lengths (DESK_SESSION_*). */
  desk: DeskSettings;
  /** WEBHOOK_ALLOW_PRIVATE. */
  webhookAllowPrivate: boolean;
}

/**
 * The procedures at `/<router>.<procedure>`, through tRPC's official Fastify adapter (served
 * at the root, so `/article.list` stays where clients and curl examples expect it), with
 * single GET queries answered directly (direct-queries.ts). Each request's context resolves its
 * `Authorization: Bearer <token>` (context.ts); unexpected failures are logged with their cause.
 */
export const trpcMount: FastifyPluginAsync<TrpcMountOptions> = async (
  app,
  { store, maxBodyBytes, desk, webhookAllowPrivate },
) => {
  const contextOf = createHttpContextFactory(store, desk, webhookAllowPrivate);
  const logInternalError = (error: TRPCError, path: string | undefined, request: FastifyRequest) =>
    request.log.error({ err: error.cause ?? error, path }, 'Unexpected error in a procedure');

  await app.register(directQueries, { contextOf, onInternalError: logInternalError });
  await app.register(fastifyTRPCPlugin, {
    trpcOptions: {
      router: appRouter,
      createContext: contextOf,
      // Fastify's bodyLimit covers JSON, the only type let through; this bounds tRPC's own reads too.
      maxBodySize: maxBodyBytes,
      // Lets clients send a query's input as a POST body when it is too long for a URL.
      allowMethodOverride: true,
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') logInternalError(error, path, req);
        else logStoreFault(req, error, path);
      },
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>);
};
