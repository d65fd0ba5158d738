/** The API's answer headers a browser or a CDN needs for a picture, and nothing else. */
const passedOn = [
  'content-type',
  'content-length',
  'cache-control',
  'etag',
  'location',
  'x-content-type-options',
];

const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

export interface RelayOptions {
  /** The API's base address. */
  apiUrl: string;
  /** A fetch that gives up in time (the app's own deadline). */
  fetch: typeof fetch;
}

/**
 * A picture's variant (`/media/<hash>/640.avif`) answered from another app's own address (the
 * reader site, the desk), so their pages name no other host and a CDN in front of them caches
 * pictures with everything else. The API's answer (the bytes, a redirect for `card.jpg`, a 404)
 * is passed on as it is, with its caching headers, and a conditional request stays conditional.
 */
export async function relayPicture(
  request: Request,
  params: { hash?: string | undefined; name?: string | undefined },
  options: RelayOptions,
): Promise<Response> {
  const { hash = '', name = '' } = params;
  if (!/^[0-9a-f]{64}$/.test(hash) || !/^[a-z0-9-]{1,30}\.(avif|webp|jpg)$/.test(name)) {
    return new Response('No such picture', { status: 404, headers: plain });
  }
  const ifNoneMatch = request.headers.get('if-none-match');
  const answer = await options
    .fetch(`${options.apiUrl.replace(/\/+$/, '')}/media/${hash}/${name}`, {
      redirect: 'manual',
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    })
    .catch(() => null);
  if (!answer || answer.status >= 500) {
    return new Response('Pictures are unavailable for a moment', {
      status: 503,
      headers: { ...plain, 'retry-after': '5' },
    });
  }
  if (answer.status === 404) {
    await answer.body?.cancel();
    return new Response('No such picture', { status: 404, headers: plain });
  }
  const headers = new Headers();
  for (const header of passedOn) {
    const value = answer.headers.get(header);
    if (value) headers.set(header, value);
  }
  return new Response(answer.status === 200 ? answer.body : null, { status: answer.status, headers });
}
