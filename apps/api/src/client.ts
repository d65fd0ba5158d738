/**
 * The typed client for Newsroom's API: `createNewsroomClient(url)` gives every procedure with
 * its input and output types. Imports only the router's type, so no server code comes along.
 */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from './root.js';

export interface NewsroomClientOptions {
  /** An API token for editing procedures; readers need none. */
  token?: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
}

export function createNewsroomClient(url: string, options: NewsroomClientOptions = {}) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
      }),
    ],
  });
}

export type NewsroomClient = ReturnType<typeof createNewsroomClient>;
export type { AppRouter };

/** The tRPC error code of a failed call ("NOT_FOUND", "BAD_REQUEST", …), or null for other failures. */
export function errorCodeOf(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : null;
  }
  return null;
}
