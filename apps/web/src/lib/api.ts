import { createNewsroomClient } from '@newsroom/api/client';
import { loadWebConfig } from '../../config.mjs';
import { fetchCollectingKeys } from './page-keys';

const loaded = loadWebConfig(process.env);
if (!loaded.ok) throw new Error(loaded.message);

/** The site's validated configuration (API_URL, SITE_URL, SITE_NAME, …), read once at import. */
export const webConfig = loaded.config;

/**
 * A fetch that gives up after `ms`: an API that takes connections but never answers becomes a
 * 503 page instead of a reader waiting forever.
 */
export function fetchWithDeadline(ms: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return base(input, { ...init, signal });
  };
}

export interface SiteClientOptions {
  apiUrl?: string;
  /** The reader's address, sent as `x-forwarded-for` so the API's per-address limits see the reader. */
  clientAddress?: string | null;
  fetch?: typeof fetch;
  /** Most calls in one request (default the client's, 20). */
  maxBatch?: number;
}

/** A client for the site's server; `api` below is the one for reading. */
export function createSiteClient(options: SiteClientOptions = {}) {
  const { clientAddress } = options;
  return createNewsroomClient(options.apiUrl ?? webConfig.API_URL, {
    // Each answer's cache keys become the page's (page-keys.ts).
    fetch: fetchCollectingKeys(fetchWithDeadline(webConfig.API_TIMEOUT_MS, options.fetch)),
    ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
    ...(clientAddress ? { headers: () => ({ 'x-forwarded-for': clientAddress }) } : {}),
  });
}

/** The one API client pages read through; they reach data only through it. */
export const api = createSiteClient();

/**
 * The menu's client: its call goes alone, so its answer's keys can be told from the page's own
 * (page-keys.ts: the menu adds only `navigation`).
 */
export const menuApi = createSiteClient({ maxBatch: 1 });

/**
 * A client that speaks for one reader, for writes the API limits per address (comment.create).
 * The API believes the header only from addresses in its API_TRUST_PROXY.
 */
export function readerApi(clientAddress: string | null) {
  return clientAddress ? createSiteClient({ clientAddress }) : api;
}
