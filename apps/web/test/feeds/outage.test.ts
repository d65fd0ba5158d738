import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callGet, closedApiUrl, pointSiteAt } from '../site';

beforeAll(async () => {
  // The API is down: nothing listens at its address.
  pointSiteAt(await closedApiUrl());
  // load() logs each failure for operators; the tests check the answers instead.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('feeds and sitemaps while the API is down', () => {
  const endpoints = [
    ['/rss.xml', () => import('../../src/pages/rss.xml'), {}],
    ['/sections/world/rss.xml', () => import('../../src/pages/sections/[slug]/rss.xml'), { slug: 'world' }],
    [
      '/tags/no-such-tag/rss.xml',
      () => import('../../src/pages/tags/[slug]/rss.xml'),
      { slug: 'no-such-tag' },
    ],
    ['/sitemap.xml', () => import('../../src/pages/sitemap.xml'), {}],
    [
      '/sitemaps/articles-2025-07.xml',
      () => import('../../src/pages/sitemaps/articles-[month].xml'),
      { month: '2025-07' },
    ],
    ['/sitemaps/taxonomy.xml', () => import('../../src/pages/sitemaps/taxonomy.xml'), {}],
    ['/news-sitemap.xml', () => import('../../src/pages/news-sitemap.xml'), {}],
  ] as const;

  for (const [path, load, params] of endpoints) {
    it(`answers ${path} with a short 503 that no cache keeps`, async () => {
      const response = await callGet(await load(), path, params);
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('retry-after')).toBe('60');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const text = await response.text();
      expect(text).toBe('The news service is not answering right now. Please try again in a moment.\n');
    });
  }

  it('still serves robots.txt, which needs no API', async () => {
    const response = await callGet(await import('../../src/pages/robots.txt'), '/robots.txt');
    expect(response.status).toBe(200);
  });
});
