import { STATUS_CODES } from 'node:http';
import type { MiddlewareHandler } from 'astro';
import { cacheControlFor } from './lib/cache-control';

/** Headers every page gets: no framing by other sites (the comment form), no type sniffing. */
const securityHeaders: Record<string, string> = {
  'content-security-policy': "frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Cache-Control fit for a CDN on every answer that does not set its own (feeds may; see
 * lib/cache-control.ts), a Retry-After on 503s so clients and caches know the outage is
 * temporary, and a few security headers.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = withOwnHeaders(await next());
  const { headers, status } = response;
  const method = context.request.method;
  // A route's own value stands, except that an answer to a POST or an error is never stored.
  if (!headers.has('cache-control') || (method !== 'GET' && method !== 'HEAD') || status >= 500) {
    headers.set('cache-control', cacheControlFor(method, status));
  }
  if (status === 503 && !headers.has('retry-after')) headers.set('retry-after', '30');
  for (const [name, value] of Object.entries(securityHeaders))
    if (!headers.has(name)) headers.set(name, value);
  return response;
};

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
