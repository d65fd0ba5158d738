import type { Store } from '@newsroom/db';
import type { Article } from '@newsroom/domain';
import { sampleStorySlug } from '@newsroom/sample';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ampersandSiteName, callGet, type SiteUnderTest, startSite, testSiteUrl } from '../site';

type Item = { 'content:encoded': string; creators: string[]; media?: { $: Record<string, string> } };
const parser = new Parser<Record<string, never>, Item>({
  customFields: {
    item: [
      ['dc:creator', 'creators', { keepArray: true }],
      ['media:content', 'media'],
    ],
  },
});

let store: Store;
let site: SiteUnderTest;
let fresh: Article;

beforeAll(async () => {
  site = await startSite({ stories: 60, siteName: ampersandSiteName });
  store = site.store;
  const draft = await store.articles.create({
    headline: 'Fresh <script>alert(1)</script> & news',
    body: [{ type: 'paragraph', text: 'Just in: ]]> and [a link](/articles/elsewhere).' }],
    sectionSlug: 'world',
    tagSlugs: ['ukraine'],
    authorSlugs: ['amara-okafor'],
    heroImage: {
      src: '/media/sample/2.svg',
      alt: 'A fresh picture',
      caption: null,
      credit: 'Newsroom',
      width: 1200,
      height: 800,
    },
  });
  fresh = await store.articles.setStatus(draft.id, draft.version, 'published');
});
afterAll(() => site.close());

const siteFeed = () => import('../../src/pages/rss.xml');
const sectionFeed = () => import('../../src/pages/sections/[slug]/rss.xml');
const tagFeed = () => import('../../src/pages/tags/[slug]/rss.xml');

async function feedOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe(
    'public, max-age=0, s-maxage=300, stale-while-revalidate=600',
  );
  const xml = await response.text();
  const feed = await parser.parseString(xml);
  for (const item of feed.items) {
    expect(item.link?.startsWith(`${testSiteUrl}/articles/`)).toBe(true);
    expect(item.guid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(item.pubDate ?? ''))).toBe(false);
    expect(item['content:encoded']).toMatch(/^<p>/);
    expect(item.contentSnippet).toBeTruthy();
  }
  return { xml, feed };
}

describe('the site feed, /rss.xml', () => {
  it('has the latest 50 published stories, newest first, whole', async () => {
    const { xml, feed } = await feedOf(await callGet(await siteFeed(), '/rss.xml'));
    const latest = (await store.articles.list({ limit: 50 })).items;
    expect(feed.title).toBe(ampersandSiteName);
    expect(feed.link).toBe(testSiteUrl);
    expect(xml).toContain(
      '<atom:link href="https://news.example/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(feed.items.map((i) => i.link)).toEqual(latest.map((a) => `${testSiteUrl}/articles/${a.slug}`));
    const dates = feed.items.map((i) => Date.parse(i.pubDate ?? ''));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('carries the fresh story with its hero image, its escaped headline and an absolute body link', async () => {
    const { xml, feed } = await feedOf(await callGet(await siteFeed(), '/rss.xml'));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    const item = feed.items[0];
    expect(item?.title).toBe('Fresh <script>alert(1)</script> & news');
    expect(item?.guid).toBe(`urn:uuid:${fresh.id}`);
    expect(item?.creators).toEqual(['Amara Okafor']);
    expect(item?.categories).toEqual(['Ukraine']);
    expect(item?.['content:encoded']).toBe(
      '<p>Just in: ]]&gt; and <a href="https://news.example/articles/elsewhere">a link</a>.</p>',
    );
    expect(item?.media?.$).toEqual({
      url: 'https://news.example/media/sample/2.svg',
      medium: 'image',
      width: '1200',
      height: '800',
    });
  });
});

describe('section and tag feeds', () => {
  it('has the stories of one section', async () => {
    const response = await callGet(await sectionFeed(), '/sections/world/rss.xml', { slug: 'world' });
    const { xml, feed } = await feedOf(response);
    expect(feed.title).toBe(`World | ${ampersandSiteName}`);
    expect(feed.link).toBe(`${testSiteUrl}/sections/world`);
    expect(xml).toContain('<atom:link href="https://news.example/sections/world/rss.xml"');
    const inWorld = (await store.articles.list({ section: 'world', limit: 50 })).items;
    expect(inWorld.length).toBeGreaterThan(2);
    expect(feed.items.map((i) => i.link)).toEqual(inWorld.map((a) => `${testSiteUrl}/articles/${a.slug}`));
  });

  it('has the sample story in its tag feed, with its byline, tags and body', async () => {
    const { feed } = await feedOf(await callGet(await tagFeed(), '/tags/asean/rss.xml', { slug: 'asean' }));
    expect(feed.title).toBe(`ASEAN | ${ampersandSiteName}`);
    const sample = feed.items.find((i) => i.link === `${testSiteUrl}/articles/${sampleStorySlug}`);
    expect(sample?.creators).toEqual(['Newsroom Wire Desk']);
    expect(sample?.categories).toEqual([
      'Ukraine',
      'Russia',
      'ASEAN',
      'Marco Rubio',
      'Sergei Lavrov',
      'Malaysia',
    ]);
    expect(sample?.isoDate).toBe('2025-07-10T14:05:00.000Z');
    expect(sample?.['content:encoded']).toContain('<h2>Diplomatic promotion and tariff threats</h2>');
    expect(sample?.['content:encoded']).toContain(
      'See also: <a href="https://news.example/articles/fire-destroys-tomorrowlands-iconic-main-stage">',
    );
  });

  it('answers an unknown or malformed tag or section with a plain 404', async () => {
    for (const [module, slug] of [
      [await tagFeed(), 'no-such-tag'],
      [await tagFeed(), 'NOT A SLUG'],
      [await sectionFeed(), 'no-such-section'],
    ] as const) {
      const response = await callGet(module, `/x/${slug}/rss.xml`, { slug });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');
    }
  });

  it('sends subscribers of a renamed tag to its new feed', async () => {
    await store.tags.update('malaysia', { slug: 'malaysia-news' });
    const response = await callGet(await tagFeed(), '/tags/malaysia/rss.xml', { slug: 'malaysia' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`${testSiteUrl}/tags/malaysia-news/rss.xml`);
  });
});
