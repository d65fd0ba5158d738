import type { APIRoute } from 'astro';
import { fetchWithDeadline, webConfig } from '../../../lib/api';

/** The API's answer headers a reader's browser or a CDN needs, and nothing else. */
const passedOn = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'location',
  'x-content-type-options',
];

/**
 * A picture's variant (`/media/<hash>/640.avif`) from the site's own address, so pages name no
 * other host and a CDN in front of the site caches pictures with everything else. The API
 * answers with the bytes, a redirect (`card.jpg`) or a 404; each is passed on as it is, with its
 * caching headers, and a conditional request stays conditional.
 */
export const GET: APIRoute = async ({ params, request }) => {
  const { hash = '', name = '' } = params;
  if (!/^[0-9a-f]{64}$/.test(hash) || !/^[a-z0-9-]{1,30}\.(avif|webp|jpg)$/.test(name)) {
    return new Response('No such picture', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const ifNoneMatch = request.headers.get('if-none-match');
  const answer = await fetchWithDeadline(webConfig.API_TIMEOUT_MS)(
    `${webConfig.API_URL}/media/${hash}/${name}`,
    {
      redirect: 'manual',
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    },
  ).catch(() => null);
  if (!answer || answer.status >= 500) {
    return new Response('Pictures are unavailable for a moment', {
      status: 503,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'retry-after': '5',
        'cache-control': 'no-store',
      },
    });
  }
  if (answer.status === 404) {
    await answer.body?.cancel();
    return new Response('No such picture', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const headers = new Headers();
  for (const header of passedOn) {
    const value = answer.headers.get(header);
    if (value) headers.set(header, value);
  }
  return new Response(answer.status === 200 ? answer.body : null, { status: answer.status, headers });
};
