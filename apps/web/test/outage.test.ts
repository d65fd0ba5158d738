import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedApiUrl, pointSiteAt, render } from './site';

// The API does not answer: API_URL points at a port nobody listens on. This file has its own
// module graph, so src/lib/api.ts reads this address when the pages first import it.
let container: AstroContainer;

beforeAll(async () => {
  pointSiteAt(await closedApiUrl());
  container = await AstroContainer.create();
  // The pages log each failed call; the log is not what these tests are about.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const pages = [
  ['/', () => import('../src/pages/index.astro'), {}],
  ['/articles/some-story', () => import('../src/pages/articles/[slug].astro'), { slug: 'some-story' }],
  ['/sections/world', () => import('../src/pages/sections/[slug].astro'), { slug: 'world' }],
  ['/tags/ukraine', () => import('../src/pages/tags/[slug].astro'), { slug: 'ukraine' }],
  ['/authors/someone', () => import('../src/pages/authors/[slug].astro'), { slug: 'someone' }],
  ['/search?q=rubio', () => import('../src/pages/search.astro'), {}],
] as const;

describe('when the API does not answer', () => {
  it.each(pages)('%s is a 503 page that says so, with no error details', async (path, load, params) => {
    const { status, html } = await render(container, await load(), path, { params: { ...params } });
    expect(status).toBe(503);
    expect(html).toContain('<h1>Service unavailable</h1>');
    expect(html).toContain('The news service is not answering right now.');
    expect(html).not.toMatch(/ECONNREFUSED|fetch failed|TRPCClientError|\bat .+:\d+:\d+/);
    // The header still renders, with a link home and the search form.
    expect(html).toContain('<a class="site-name" href="/">');
  });

  it('still reports itself healthy at /healthz: the site is up, and restarting it would not help', async () => {
    const { GET } = await import('../src/pages/healthz');
    const response = await GET({} as Parameters<typeof GET>[0]);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('still renders the 404 page', async () => {
    const { html } = await render(container, await import('../src/pages/404.astro'), '/nowhere');
    expect(html).toContain('<h1>Page not found</h1>');
  });
});
