import type { Store } from '@newsroom/db';
import type { Principal } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';

export interface Context {
  store: Store;
  /** Who is calling; null for anonymous readers. */
  principal: Principal | null;
}

/** The context from plain values: what tests use with createCaller, no HTTP involved. */
export function createContextInner(opts: { store: Store; principal?: Principal | null }): Context {
  return { store: opts.store, principal: opts.principal ?? null };
}

/** The context of an HTTP request: resolves `Authorization: Bearer <token>` to a principal. */
export function createHttpContextFactory(store: Store) {
  return async ({ req }: CreateHTTPContextOptions): Promise<Context> => {
    const header = req.headers.authorization;
    if (!header) return createContextInner({ store });
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    const principal = match?.[1] ? await store.tokens.resolve(match[1]) : null;
    if (!principal) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'The API token is missing, malformed or revoked',
      });
    }
    return createContextInner({ store, principal });
  };
}
