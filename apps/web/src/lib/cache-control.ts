/** A page any reader may be shown: a CDN keeps it a minute and serves it stale while it refreshes. */
export const publicPage = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';
/**
 * "Not found" and "moved" are facts that change rarely, so a CDN may keep them briefly; browsers
 * must ask again (max-age=0), since a story may appear at the address or a slug be reused.
 */
export const briefly = 'public, max-age=0, s-maxage=60';
export const noStore = 'no-store';

/**
 * The Cache-Control for an answer the route did not set one for: successful GETs are shared,
 * 404s and 301s briefly, and everything else (errors, POST answers, other redirects) never.
 */
export function cacheControlFor(method: string, status: number): string {
  if (method !== 'GET' && method !== 'HEAD') return noStore;
  if (status === 200) return publicPage;
  if (status === 404 || status === 301 || status === 308) return briefly;
  return noStore;
}
