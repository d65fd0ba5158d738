import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { onRequest } from '../middleware';
import { cacheControlFor } from './cache-control';

async function through(method: string, response: Response) {
  const context = { request: new Request('http://localhost/', { method }) } as APIContext;
  return (await onRequest(context, async () => response)) as Response;
}

describe('Cache-Control', () => {
  it('lets a CDN keep successful pages a minute, 404s and 301s briefly, and nothing else', () => {
    expect(cacheControlFor('GET', 200)).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300');
    expect(cacheControlFor('HEAD', 200)).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300');
    expect(cacheControlFor('GET', 404)).toBe('public, max-age=0, s-maxage=60');
    expect(cacheControlFor('GET', 301)).toBe('public, max-age=0, s-maxage=60');
    for (const status of [400, 403, 429, 500, 503, 302, 303])
      expect(cacheControlFor('GET', status)).toBe('no-store');
    for (const status of [200, 303, 400]) expect(cacheControlFor('POST', status)).toBe('no-store');
  });

  it('is set by the middleware on pages, with a Retry-After on 503 and the status’s own reason', async () => {
    const page = await through('GET', new Response('<h1>Hi</h1>', { status: 200 }));
    expect(page.headers.get('cache-control')).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const down = await through('GET', new Response('down', { status: 503 }));
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect(down.headers.get('retry-after')).toBe('30');
    expect(down.statusText).toBe('Service Unavailable');
    const posted = await through('POST', new Response(null, { status: 303, headers: { location: '/a' } }));
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(posted.headers.get('location')).toBe('/a');
  });

  it('keeps a route’s own Cache-Control on success, never on an error', async () => {
    const feed = await through(
      'GET',
      new Response('<rss/>', { headers: { 'cache-control': 'public, max-age=300' } }),
    );
    expect(feed.headers.get('cache-control')).toBe('public, max-age=300');
    const failed = await through(
      'GET',
      new Response('x', { status: 500, headers: { 'cache-control': 'public, max-age=300' } }),
    );
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps a route’s own Cache-Control and no-referrer, but no weaker Referrer-Policy', async () => {
    const preview = await through(
      'GET',
      new Response('<h1>Preview</h1>', {
        headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
      }),
    );
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(preview.headers.get('referrer-policy')).toBe('no-referrer');
    const weaker = await through('GET', new Response('x', { headers: { 'referrer-policy': 'unsafe-url' } }));
    expect(weaker.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
