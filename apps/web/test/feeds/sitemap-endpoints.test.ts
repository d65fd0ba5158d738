import { createNewsroomClient } from '@newsroom/api/client';
import type { Store } from '@newsroom/db';
import type { Article, ArticleSummary } from '@newsroom/domain';
import { sampleStorySlug } from '@newsroom/sample';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPartArticles, monthParts } from '../../src/lib/feeds/archive';
import { monthOf } from '../../src/lib/feeds/months';
import { ampersandSiteName, callGet, type SiteUnderTest, startSite, testSiteUrl } from '../site';

// Lists always, so one entry reads like many.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

/** W3C Datetime, complete date plus time with optional fractions, and a zone. */
const w3cDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

let store: Store;
let site: SiteUnderTest;
let fresh: Article;
let all: ArticleSummary[];

beforeAll(async () => {
  site = await startSite({ stories: 60, siteName: ampersandSiteName });
  store = site.store;
  const draft = await store.articles.create({
    headline: 'Council & "mayor" agree <budget>',
    body: [{ type: 'paragraph', text: 'Published just now.' }],
    sectionSlug: 'politics',
  });
  fresh = await store.articles.setStatus(draft.id, draft.version, 'published');
  // Published three days ago: too old for the news sitemap.
  const older = await store.articles.create({
    headline: 'Three days old',
    body: [{ type: 'paragraph', text: 'Old.' }],
  });
  await store.articles.setStatus(older.id, older.version, 'published', {
    now: new Date(Date.now() - 72 * 3_600_000),
  });
  all = [];
  let cursor: string | undefined;
  do {
    const page = await store.articles.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
});
afterAll(() => site.close());

async function xmlOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe(
    'public, max-age=0, s-maxage=300, stale-while-revalidate=600',
  );
  return parser.parse(await response.text());
}

type Entry = { loc: string; lastmod?: string };

function expectWellFormed(entries: Entry[]) {
  for (const { loc, lastmod } of entries) {
    expect(loc.startsWith(`${testSiteUrl}/`)).toBe(true);
    expect(new URL(loc).origin).toBe(testSiteUrl);
    if (lastmod !== undefined) {
      expect(lastmod).toMatch(w3cDateTime);
      expect(Number.isNaN(Date.parse(lastmod))).toBe(false);
    }
  }
}

const monthSitemap = () => import('../../src/pages/sitemaps/articles-[month].xml');

describe('the sitemap index, /sitemap.xml', () => {
  it('lists the taxonomy sitemap and one sitemap per month with stories, dated by their latest change', async () => {
    const { sitemapindex } = await xmlOf(
      await callGet(await import('../../src/pages/sitemap.xml'), '/sitemap.xml'),
    );
    const entries: Entry[] = sitemapindex.sitemap;
    expectWellFormed(entries);
    const months = [...new Set(all.map((a) => monthOf(a.publishedAt ?? '')))];
    expect(entries.map((e) => e.loc)).toEqual([
      `${testSiteUrl}/sitemaps/taxonomy.xml`,
      ...months.map((m) => `${testSiteUrl}/sitemaps/articles-${m}.xml`),
    ]);
    const july = entries.find((e) => e.loc.endsWith('/articles-2025-07.xml'));
    const julyChanges = all
      .filter((a) => monthOf(a.publishedAt ?? '') === '2025-07')
      .map((a) => Date.parse(a.updatedAt));
    expect(Date.parse(july?.lastmod ?? '')).toBe(Math.max(...julyChanges));
    expect(entries[0]?.lastmod).toBe(fresh.updatedAt);
  });
});

describe('article sitemaps, /sitemaps/articles-<month>.xml', () => {
  it('lists every story of the month with its last change, the sample story in July 2025', async () => {
    const response = await callGet(await monthSitemap(), '/sitemaps/articles-2025-07.xml', {
      month: '2025-07',
    });
    const entries: Entry[] = (await xmlOf(response)).urlset.url;
    expectWellFormed(entries);
    const july = all.filter((a) => monthOf(a.publishedAt ?? '') === '2025-07');
    expect(entries).toHaveLength(july.length);
    const sample = entries.find((e) => e.loc === `${testSiteUrl}/articles/${sampleStorySlug}`);
    expect(sample?.lastmod).toBe(july.find((a) => a.slug === sampleStorySlug)?.updatedAt);
  });

  it('answers a month without stories, a part past the end and a malformed name with 404', async () => {
    for (const month of ['1999-01', '2025-07-2', 'latest', '2025-13']) {
      const response = await callGet(await monthSitemap(), `/sitemaps/articles-${month}.xml`, { month });
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
    }
  });

  it('splits a month into files of at most the given size, in the same order as the index counts', async () => {
    const client = createNewsroomClient(process.env.API_URL ?? '');
    const july = all.filter((a) => monthOf(a.publishedAt ?? '') === '2025-07');
    expect(july.length).toBeGreaterThan(4);
    const parts = await monthParts(client, '2025-07', 3);
    expect(parts.map((p) => p.part)).toEqual(
      Array.from({ length: Math.ceil(july.length / 3) }, (_, i) => i + 1),
    );
    const second = await monthPartArticles(client, { month: '2025-07', part: 2 }, 3);
    expect(second.map((a) => a.slug)).toEqual(july.slice(3, 6).map((a) => a.slug));
    const latestOfSecond = Math.max(...second.map((a) => Date.parse(a.updatedAt)));
    expect(Date.parse(parts[1]?.lastModified ?? '')).toBe(latestOfSecond);
  });
});

describe('the taxonomy sitemap, /sitemaps/taxonomy.xml', () => {
  it('lists the pages of sections, authors and tags that have stories, and no empty ones', async () => {
    await store.tags.create({ slug: 'empty-tag', name: 'Empty', description: null, type: 'topic' });
    const response = await callGet(
      await import('../../src/pages/sitemaps/taxonomy.xml'),
      '/sitemaps/taxonomy.xml',
    );
    const locs = ((await xmlOf(response)).urlset.url as Entry[]).map((e) => e.loc);
    expectWellFormed(locs.map((loc) => ({ loc })));
    expect(locs).toContain(`${testSiteUrl}/sections/world`);
    expect(locs).toContain(`${testSiteUrl}/authors/newsroom-wire-desk`);
    expect(locs).toContain(`${testSiteUrl}/tags/ukraine`);
    expect(locs).not.toContain(`${testSiteUrl}/tags/empty-tag`);
    expect(new Set(locs).size).toBe(locs.length);
  });
});

describe('the news sitemap, /news-sitemap.xml', () => {
  it('lists only the stories of the last 48 hours, for Google News', async () => {
    const response = await callGet(await import('../../src/pages/news-sitemap.xml'), '/news-sitemap.xml');
    const { urlset } = await xmlOf(response);
    expect(urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(urlset.url).toEqual([
      {
        loc: `${testSiteUrl}/articles/${fresh.slug}`,
        'news:news': {
          'news:publication': { 'news:name': ampersandSiteName, 'news:language': 'en' },
          'news:publication_date': fresh.publishedAt,
          'news:title': 'Council & "mayor" agree <budget>',
        },
      },
    ]);
  });
});

describe('robots.txt', () => {
  it('allows everything and names the sitemap index and the news sitemap', async () => {
    const response = await callGet(await import('../../src/pages/robots.txt'), '/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(
      [
        'User-agent: *',
        'Allow: /',
        '',
        `Sitemap: ${testSiteUrl}/sitemap.xml`,
        `Sitemap: ${testSiteUrl}/news-sitemap.xml`,
        '',
      ].join('\n'),
    );
  });
});
