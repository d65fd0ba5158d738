import { createNewsroomClient } from '@newsroom/api/client';
import { deskConfig } from './desk-config';

/**
 * A fetch that gives up after `ms`: an API that takes connections but never answers becomes a
 * 503 page instead of a person waiting forever.
 */
export function fetchWithDeadline(ms: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return base(input, { ...init, signal });
  };
}

export interface DeskClientOptions {
  /** The person's session secret (the session cookie), sent as `authorization: Bearer`. */
  session: string | null;
  /** The person's address, so the API's throttle and sessions list see them, not the desk. */
  clientAddress: string | null;
  userAgent: string | null;
  apiUrl?: string;
  fetch?: typeof fetch;
}

/** The headers that speak for the person, besides the session. */
export function forwardedHeaders(options: Pick<DeskClientOptions, 'clientAddress' | 'userAgent'>) {
  const headers: Record<string, string> = {};
  if (options.clientAddress) headers['x-forwarded-for'] = options.clientAddress;
  // The API keeps at most 256 characters; a longer one need not cross the wire.
  if (options.userAgent) headers['user-agent'] = options.userAgent.slice(0, 512);
  return headers;
}

/** A client made for one request: it speaks for the person who sent it, and nobody else. */
export function createDeskClient(options: DeskClientOptions) {
  return createNewsroomClient(options.apiUrl ?? deskConfig.API_URL, {
    fetch: fetchWithDeadline(deskConfig.API_TIMEOUT_MS, options.fetch),
    ...(options.session ? { token: options.session } : {}),
    headers: () => forwardedHeaders(options),
  });
}

export type DeskClient = ReturnType<typeof createDeskClient>;
