import { STATUS_CODES } from 'node:http';
import { cacheKey, compactCacheKeys } from '@newsroom/domain';
import type { MiddlewareHandler } from 'astro';
import { contentSecurityPolicy, securityHeaders } from '../server/security-headers.ts';
import { cacheControlFor } from './lib/cache-control';
import { withPageKeys } from './lib/page-keys';

/**
 * The text of every `<script is:inline>` in the site's templates, read from the templates
 * themselves at build time: Astro writes such a script out as it stands, so the hashes the
 * policy allows are always those of the scripts the pages ship (the "Copy link" button's).
 * A script that embeds a value would differ per page and be blocked; test/meta-csp.test.ts
 * renders every page type to make sure each inline script it ships is allowed.
 */
export function inlineScriptsOf(templates: Record<string, string>): string[] {
  const scripts = new Set<string>();
  for (const source of Object.values(templates)) {
    for (const [, text] of source.matchAll(/<script is:inline>([\s\S]*?)<\/script>/g))
      scripts.add(text ?? '');
  }
  return [...scripts];
}

const templates = import.meta.glob<string>(
  ['./components/**/*.astro', './layouts/**/*.astro', './pages/**/*.astro'],
  { query: '?raw', import: 'default', eager: true },
);

/**
 * Headers every answer Astro gives gets (see server/security-headers.ts); the site server gives
 * its files and its own errors the same, without the script hashes.
 */
export const pageSecurityHeaders = securityHeaders(
  contentSecurityPolicy(inlineScriptsOf(templates), {
    // `npm run dev` serves the stylesheet inline (Vite's hot reload); built pages link it.
    inlineStyles: import.meta.env.MODE === 'development',
  }),
);

/**
 * Cache-Control fit for a CDN on every answer that does not set its own (feeds may; see
 * lib/cache-control.ts), the cache keys of what the page was built from (`Surrogate-Key`,
 * `Cache-Tag`: see lib/page-keys.ts), a Retry-After on 503s so clients and caches know the
 * outage is temporary, and a few security headers.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  // The site server's metrics label each request with it (never the address: see
  // server/site-metrics.ts). Pages rendered outside the server (Astro's container) have no locals.
  if (context.locals) context.locals.route = context.routePattern;
  const { result, keys } = await withPageKeys(() =>
    isErrorPageAddress(new URL(context.request.url).pathname) ? next('/404') : next(),
  );
  const response = withOwnHeaders(result);
  const { headers, status } = response;
  const method = context.request.method;
  if ((method === 'GET' || method === 'HEAD') && status < 500) {
    // Every page shows the menu of sections, which its layout may ask for after this point.
    if (headers.get('content-type')?.startsWith('text/html')) keys.add(cacheKey.navigation);
    // A page built from many things (a sitemap) names broader keys, or none and is not kept.
    const compact = compactCacheKeys([...keys]) ?? [];
    if (compact.length > 0) {
      headers.set('surrogate-key', compact.join(' '));
      headers.set('cache-tag', compact.join(','));
    }
  }
  // A route's own value stands, except that an answer to a POST or an error is never stored.
  if (!headers.has('cache-control') || (method !== 'GET' && method !== 'HEAD') || status >= 500) {
    headers.set('cache-control', cacheControlFor(method, status));
  }
  if (status === 503 && !headers.has('retry-after')) headers.set('retry-after', '30');
  // A page whose address holds a secret (a preview link) sends no Referer at all, which is
  // stricter than the site's own policy; anything else a route wrote is set over.
  const noReferrer = headers.get('referrer-policy') === 'no-referrer';
  // Set over anything a route wrote: no page may weaken the policy.
  for (const [name, value] of Object.entries(pageSecurityHeaders)) headers.set(name, value);
  if (noReferrer) headers.set('referrer-policy', 'no-referrer');
  return response;
};

/**
 * Whether a reader asked for the error page by its address. Astro shows src/pages/500.astro for
 * a page that failed, under the failed page's own address; at /500 itself there is no page, and
 * answering 500 there would tell readers and monitors the site is broken.
 */
function isErrorPageAddress(pathname: string): boolean {
  return /^\/500\/?$/.test(pathname);
}

/**
 * A response whose headers can be changed, with the reason phrase of its status: a page that
 * sets `Astro.response.status = 404` would otherwise go out as "404 OK".
 */
function withOwnHeaders(response: Response): Response {
  const statusText = STATUS_CODES[response.status] ?? '';
  if (response.statusText === statusText || response.status === 200) {
    try {
      response.headers.set('x-content-type-options', 'nosniff');
      return response;
    } catch {
      // Read-only headers (a response passed through from fetch): copy below.
    }
  }
  return new Response(response.body, {
    status: response.status,
    statusText,
    headers: new Headers(response.headers),
  });
}
