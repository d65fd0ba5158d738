import { STATUS_CODES } from 'node:http';
import type { MiddlewareHandler } from 'astro';
import { requestRoute } from '../request-route.mjs';
import { createDeskClient } from './lib/api';
import { clientAddressOf } from './lib/client-address';
import { csrfCookieName, csrfCookieOptions, sessionCookieName } from './lib/cookies';
import { csrfVerdict, isCsrfTokenShape, newCsrfToken, sentCsrfToken } from './lib/csrf';
import { deskConfig } from './lib/desk-config';
import { refusedPage } from './lib/refused-page';
import { contentSecurityPolicy, securityHeaders } from './lib/security-headers';

const headers = securityHeaders(
  // `npm run dev` serves the stylesheet inline (Vite's hot reload); built pages link it.
  contentSecurityPolicy({
    inlineStyles: import.meta.env.MODE === 'development',
    siteOrigin: new URL(deskConfig.SITE_URL).origin,
  }),
);

const changesNothing = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request: the CSRF check before anything that changes something runs, the person's
 * session and a client that speaks for them, and the security headers on every answer.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const { request, cookies, locals } = context;
  // The desk server's metrics label each request with its route (request-handler.mjs), never the address.
  const answered = requestRoute.getStore();
  if (answered) answered.route = context.routePattern;
  const csrfName = csrfCookieName(deskConfig.DESK_URL);
  const cookieToken = cookies.get(csrfName)?.value ?? null;

  if (!changesNothing.has(request.method)) {
    const allowed = [new URL(deskConfig.DESK_URL).origin, new URL(request.url).origin];
    const verdict = csrfVerdict(request.headers, allowed, cookieToken, await sentCsrfToken(request));
    if (!verdict.ok) return withHeaders(refusedPage(verdict.reason));
  }
  if (isCsrfTokenShape(cookieToken)) {
    locals.csrf = cookieToken;
  } else {
    locals.csrf = newCsrfToken();
    cookies.set(csrfName, locals.csrf, csrfCookieOptions(deskConfig.DESK_URL));
  }
  locals.session = cookies.get(sessionCookieName(deskConfig.DESK_URL))?.value || null;
  locals.api = createDeskClient({
    session: locals.session,
    clientAddress: clientAddressOf(context),
    userAgent: request.headers.get('user-agent'),
  });
  const response = await next();
  // A picture's variant never changes at its address: the relay keeps the API's caching, so the
  // library and the editor do not fetch the same thumbnails again on every page.
  const keptPicture = context.url.pathname.startsWith('/media/') && response.headers.has('etag');
  return withHeaders(response, keptPicture ? response.headers.get('cache-control') : null);
};

/**
 * The response with the desk's headers set over anything a page wrote, and its status's reason
 * phrase; `cacheControl` replaces the desk's `no-store` where an answer may be kept.
 */
function withHeaders(response: Response, cacheControl: string | null = null): Response {
  const copy = new Response(response.body, {
    status: response.status,
    statusText: STATUS_CODES[response.status] ?? '',
    headers: new Headers(response.headers),
  });
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  if (cacheControl) copy.headers.set('cache-control', cacheControl);
  return copy;
}
