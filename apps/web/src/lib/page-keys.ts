import { AsyncLocalStorage } from 'node:async_hooks';
import { cacheKey } from '@newsroom/domain';

/**
 * The cache keys of what a page was built from. Each API answer the page reads names its own
 * (`Surrogate-Key`); the page's keys are all of them, sent on as the page's own Surrogate-Key
 * and Cache-Tag (src/middleware.ts), so the site's page cache (server/page-cache.ts) and a CDN
 * in front purge the page when an event names one of them.
 */
const collecting = new AsyncLocalStorage<Set<string>>();

/** Runs `render` with a fresh set of keys, which it returns with the result. */
export async function withPageKeys<T>(render: () => Promise<T>): Promise<{ result: T; keys: Set<string> }> {
  const keys = new Set<string>();
  const result = await collecting.run(keys, render);
  return { result, keys };
}

/** Adds keys to the page being rendered (none outside a render). */
export function addPageKeys(keys: Iterable<string>): void {
  const current = collecting.getStore();
  if (current) for (const key of keys) current.add(key);
}

/**
 * The keys an API answer adds to the page. The menu of sections is on every page and shows
 * their names only: its answer (with each section's count of stories, which changes with every
 * story published) adds just `navigation`, or every page would go with every story.
 */
export function keysOfApiAnswer(url: string, surrogateKey: string | null): string[] {
  if (!surrogateKey) return [];
  const procedures = new URL(url).pathname.slice(1).split(',');
  if (procedures.every((path) => path === 'section.list')) return [cacheKey.navigation];
  return surrogateKey.split(' ').filter(Boolean);
}

/** A fetch that adds the keys of every answer it gets to the page being rendered. */
export function fetchCollectingKeys(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const url = input instanceof Request ? input.url : String(input);
    addPageKeys(keysOfApiAnswer(url, response.headers.get('surrogate-key')));
    return response;
  };
}
