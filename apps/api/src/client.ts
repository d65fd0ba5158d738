/**
 * The typed client for Newsroom's API: `createNewsroomClient(url)` gives every procedure with
 * its input and output types. Imports only the router's type, so no server code comes along.
 */
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
// tRPC's EventSource shape is exported only from its core module.
import type { EventSourceLike } from '@trpc/server/unstable-core-do-not-import';
import type { AppRouter } from './root.js';

export interface NewsroomClientOptions {
  /** An API token for editing procedures; readers need none. */
  token?: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
  /** Most calls in one batched request: the server's API_MAX_BATCH or lower (default 20). */
  maxBatch?: number;
  /**
   * Extra headers for every request, read per request: a site's server forwards its reader's
   * address as `x-forwarded-for`, say. The token's `authorization` header wins over these.
   */
  headers?: () => Record<string, string>;
  /**
   * The EventSource class subscriptions (`event.stream`) use: browsers have one; in Node, pass
   * the `eventsource` package's, which sends the token's header through its `fetch` option.
   */
  EventSource?: EventSourceLike.AnyConstructor;
}

/**
 * Longest URL a batched GET may have; longer batches are split. Proxies and CDNs commonly
 * refuse URLs past 8 KB, and the API refuses past 16 KB.
 */
const maxURLLength = 4_000;

export function createNewsroomClient(url: string, options: NewsroomClientOptions = {}) {
  const base = url.replace(/\/+$/, '');
  const shared = {
    url: base,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: () => ({
      ...options.headers?.(),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: base,
          ...(options.EventSource ? { EventSource: options.EventSource } : {}),
          // EventSource has no headers of its own: an EventSource that takes a fetch (the
          // `eventsource` package) is given one that sends the token and the extra headers.
          eventSourceOptions: () =>
            ({
              fetch: (input: string | URL | Request, init?: RequestInit) =>
                (options.fetch ?? fetch)(input, {
                  ...init,
                  headers: { ...(init?.headers as Record<string, string>), ...shared.headers() },
                }),
            }) as unknown as EventSourceInit,
        }),
        false: splitLink({
          // A query too long for a URL even alone goes as a POST body (the API allows that for
          // queries); everything else is batched, queries as GET so HTTP caches can keep them.
          condition: (op) => op.type === 'query' && batchUrlLength(base, op.path, op.input) > maxURLLength,
          true: httpLink({ ...shared, methodOverride: 'POST' }),
          false: httpBatchLink({ ...shared, maxURLLength, maxItems: options.maxBatch ?? 20 }),
        }),
      }),
    ],
  });
}

/** The length of the URL httpBatchLink would build for this call alone. */
function batchUrlLength(base: string, path: string, input: unknown): number {
  const encoded = input === undefined ? '{}' : JSON.stringify({ 0: input });
  return `${base}/${path}?batch=1&input=${encodeURIComponent(encoded)}`.length;
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

/** For the apps that serve the API's pictures from their own address (the site, the desk). */
export { type RelayOptions, relayPicture } from './picture-relay.js';
