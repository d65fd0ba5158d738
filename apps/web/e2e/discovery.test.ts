import { createNewsroomClient } from '@newsroom/api/client';
import type { Article } from '@newsroom/domain';
import { XMLParser } from 'fast-xml-parser';
import type { Browser } from 'playwright-core';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { pageTypes, sampleHeadline, sampleSlug } from './page-types.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';
import { sitemapSchemaErrors } from './xml-schema.js';

let newsroom: RunningNewsroom;
let browser: Browser;
let pages: Record<string, string>;
let fresh: Article;
const xml = new XMLParser({ ignoreAttributes: false });

beforeAll(async () => {
  browser = await launchChromium();
  newsroom = await startNewsroom();
  pages = await pageTypes(newsroom);
  // The sample stories are older than the two days the news sitemap covers: one published now
  // gives it an entry, so its schema check has something to check.
  const api = createNewsroomClient(newsroom.apiUrl, { token: newsroom.mintToken('editor') });
  const draft = await api.article.create.mutate({
    headline: 'Harbour ferry returns after storm repairs',
    body: [{ type: 'paragraph', text: 'The ferry sailed again this morning.' }],
    sectionSlug: 'world',
  });
  fresh = await api.article.publish.mutate({ id: draft.id, version: draft.version });
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

async function text(path: string, type: RegExp): Promise<string> {
  const res = await fetch(`${newsroom.siteUrl}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(type);
  return res.text();
}

describe('search engines and feed readers', () => {
  it('find NewsArticle structured data and breadcrumbs on an article page', async () => {
    const page = await browser.newPage();
    await page.goto(`${newsroom.siteUrl}${pages['article with hero image']}`);
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    // biome-ignore lint/suspicious/noExplicitAny: structured data is arbitrary JSON, checked field by field
    const data = blocks.map((b) => JSON.parse(b) as Record<string, any>);
    const article = data.find((d) => d['@type'] === 'NewsArticle');
    expect(article).toBeDefined();
    expect(article?.headline).toBe(await page.locator('h1').textContent());
    expect(Date.parse(article?.datePublished)).not.toBeNaN();
    expect(Date.parse(article?.dateModified)).not.toBeNaN();
    expect([article?.image].flat().length).toBeGreaterThan(0);
    const authors = [article?.author].flat();
    expect(authors[0]).toMatchObject({
      name: expect.any(String),
      url: expect.stringMatching(/^http.*\/authors\//),
    });
    expect(article?.publisher).toMatchObject({ name: expect.any(String) });
    const crumbs = data.find((d) => d['@type'] === 'BreadcrumbList');
    expect(crumbs?.itemListElement.length).toBeGreaterThanOrEqual(2);
    await expect(page.locator('link[rel=canonical]').getAttribute('href')).resolves.toMatch(/^http/);
    await expect(page.locator('meta[property="og:title"]').count()).resolves.toBe(1);
  });

  it('read the site, section and tag RSS feeds with a standard parser', async () => {
    const parser = new Parser();
    const site = await parser.parseString(await text('/rss.xml', /rss\+xml/));
    expect(site.items.length).toBeGreaterThan(10);
    expect(site.items.some((i) => i.title === sampleHeadline)).toBe(true);
    for (const item of site.items) {
      expect(item.guid).toBeTruthy();
      expect(Number.isNaN(Date.parse(item.pubDate ?? ''))).toBe(false);
      expect(item['content:encoded']).toBeTruthy();
    }
    const section = await parser.parseString(await text(`${pages.section}/rss.xml`, /rss\+xml/));
    expect(section.items.length).toBeGreaterThan(0);
    const tag = await parser.parseString(await text(`${pages.tag}/rss.xml`, /rss\+xml/));
    expect(tag.items.some((i) => i.link?.endsWith(`/articles/${sampleSlug}`))).toBe(true);
  });

  it('follow the sitemap index to an article sitemap that lists the sample story', async () => {
    const index = xml.parse(await text('/sitemap.xml', /xml/));
    const maps = [index.sitemapindex.sitemap].flat() as { loc: string; lastmod: string }[];
    expect(maps.length).toBeGreaterThan(1);
    const july = maps.find((m) => m.loc.endsWith('/sitemaps/articles-2025-07.xml'));
    expect(july).toBeDefined();
    const urlset = xml.parse(await text(new URL(july?.loc ?? '').pathname, /xml/));
    const urls = [urlset.urlset.url].flat() as { loc: string; lastmod: string }[];
    expect(urls.some((u) => u.loc.endsWith(`/articles/${sampleSlug}`))).toBe(true);
    expect(urls.every((u) => !Number.isNaN(Date.parse(u.lastmod)))).toBe(true);
  });

  it('get sitemaps that are valid against the sitemap and Google News schemas', async () => {
    const index = await text('/sitemap.xml', /xml/);
    const maps = [xml.parse(index).sitemapindex.sitemap].flat() as { loc: string }[];
    const checked: Record<string, string[]> = { '/sitemap.xml': sitemapSchemaErrors(index) };
    for (const { loc } of maps.slice(0, 4)) {
      const path = new URL(loc).pathname;
      checked[path] = sitemapSchemaErrors(await text(path, /xml/));
    }
    const news = await text('/news-sitemap.xml', /xml/);
    expect(news).toContain(`/articles/${fresh.slug}</loc>`);
    checked['/news-sitemap.xml'] = sitemapSchemaErrors(news);
    expect(Object.keys(checked)).toContain('/sitemaps/taxonomy.xml');
    expect(checked).toEqual(Object.fromEntries(Object.keys(checked).map((path) => [path, []])));
  });

  it('get a news sitemap and a robots.txt that points to the sitemaps', async () => {
    const news = xml.parse(await text('/news-sitemap.xml', /xml/));
    expect(news.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const entries = [news.urlset.url].flat() as { loc: string; 'news:news': Record<string, unknown> }[];
    expect(entries.map((entry) => entry.loc)).toEqual([`${newsroom.siteUrl}/articles/${fresh.slug}`]);
    expect(entries[0]?.['news:news']).toMatchObject({
      'news:title': 'Harbour ferry returns after storm repairs',
      'news:publication_date': fresh.publishedAt,
    });
    const robots = await text('/robots.txt', /text\/plain/);
    expect(robots).toMatch(/Sitemap: http.*\/sitemap\.xml/);
    expect(robots).toMatch(/Sitemap: http.*\/news-sitemap\.xml/);
  });
});
