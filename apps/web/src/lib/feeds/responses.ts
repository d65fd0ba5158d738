/**
 * HTTP answers for feeds, sitemaps and robots.txt. Shared caches keep them five minutes and may
 * serve a stale copy while fetching a new one, so crawlers and feed readers polling every few
 * minutes cost the API little. A 404 is kept a minute, as the site's pages do; an outage never.
 */

const publicCache = 'public, max-age=0, s-maxage=300, stale-while-revalidate=600';
/** A feed that is not there is a fact that changes rarely, but a tag may be created at any time. */
const briefly = 'public, max-age=0, s-maxage=60';

export type FeedContentType = 'application/rss+xml' | 'application/xml' | 'text/plain';

export function feedResponse(body: string, contentType: FeedContentType): Response {
  return new Response(body, {
    headers: { 'Content-Type': `${contentType}; charset=utf-8`, 'Cache-Control': publicCache },
  });
}

export function notFound(what: string): Response {
  return failureText(404, `Not found: ${what}.`, briefly);
}

/** A moved feed: subscribers and crawlers follow a permanent redirect and keep the new address. */
export function permanentRedirect(location: string): Response {
  return new Response(null, { status: 301, headers: { Location: location, 'Cache-Control': publicCache } });
}

/**
 * The answer when load() could not get the data. A 404 stays a 404; any failure of the API
 * itself is 503, whatever load() calls it: to crawlers 503 means "come back later", so the
 * feed and sitemap URLs stay in their indexes, where a 5xx of another kind may not.
 */
export function failureResponse(failure: { status: number }): Response {
  if (failure.status === 404) return notFound('no such feed');
  if (failure.status < 500) return failureText(failure.status, 'Bad request.', 'no-store');
  const response = failureText(
    503,
    'The news service is not answering right now. Please try again in a moment.',
    'no-store',
  );
  // Tells crawlers and feed readers when to come back, rather than at their next whim.
  response.headers.set('Retry-After', '60');
  return response;
}

function failureText(status: number, text: string, cacheControl: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': cacheControl },
  });
}
