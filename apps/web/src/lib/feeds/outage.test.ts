import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { get, stubSiteEnv } from './test-site';

/** A port on 127.0.0.1 that nothing listens on: the API is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  stubSiteEnv(`http://127.0.0.1:${await closedPort()}`);
  // load() logs each failure for operators; the tests check the answers instead.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('feeds and sitemaps while the API is down', () => {
  const endpoints = [
    ['/rss.xml', () => import('../../pages/rss.xml'), {}],
    ['/sections/world/rss.xml', () => import('../../pages/sections/[slug]/rss.xml'), { slug: 'world' }],
    ['/tags/no-such-tag/rss.xml', () => import('../../pages/tags/[slug]/rss.xml'), { slug: 'no-such-tag' }],
    ['/sitemap.xml', () => import('../../pages/sitemap.xml'), {}],
    [
      '/sitemaps/articles-2025-07.xml',
      () => import('../../pages/sitemaps/articles-[month].xml'),
      { month: '2025-07' },
    ],
    ['/sitemaps/taxonomy.xml', () => import('../../pages/sitemaps/taxonomy.xml'), {}],
    ['/news-sitemap.xml', () => import('../../pages/news-sitemap.xml'), {}],
  ] as const;

  for (const [path, load, params] of endpoints) {
    it(`answers ${path} with a short 503 that no cache keeps`, async () => {
      const response = await get(await load(), path, params);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('retry-after')).toBe('60');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const text = await response.text();
      expect(text).toBe('The news service is not answering right now. Please try again in a moment.\n');
    });
  }

  it('still serves robots.txt, which needs no API', async () => {
    const response = await get(await import('../../pages/robots.txt'), '/robots.txt');
    expect(response.status).toBe(200);
  });
});
