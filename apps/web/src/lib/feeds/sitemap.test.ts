import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { monthOf, monthPartName, monthRange, parseMonthPart } from './months';
import { newsSitemap, sitemapIndex, urlset } from './sitemap';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

describe('the sitemap builders', () => {
  it('writes a urlset with loc and lastmod in UTC, escaping the address', () => {
    const xml = urlset([
      { loc: 'https://news.example/articles/a?x=1&y=2', lastmod: '2025-07-10T16:40:00+02:00' },
      { loc: 'https://news.example/sections/world' },
    ]);
    expect(xml).toContain('<loc>https://news.example/articles/a?x=1&amp;y=2</loc>');
    const { urlset: parsed } = parser.parse(xml);
    expect(parsed['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(parsed.url).toEqual([
      { loc: 'https://news.example/articles/a?x=1&y=2', lastmod: '2025-07-10T14:40:00.000Z' },
      { loc: 'https://news.example/sections/world' },
    ]);
  });

  it('writes a sitemap index', () => {
    const { sitemapindex } = parser.parse(
      sitemapIndex([
        { loc: 'https://news.example/sitemaps/articles-2025-07.xml', lastmod: '2025-07-31T23:00:00Z' },
      ]),
    );
    expect(sitemapindex.sitemap).toEqual({
      loc: 'https://news.example/sitemaps/articles-2025-07.xml',
      lastmod: '2025-07-31T23:00:00.000Z',
    });
  });

  it("writes Google's news sitemap with the publication, date and title", () => {
    const xml = newsSitemap(
      [
        {
          loc: 'https://news.example/articles/a',
          title: 'Tom & "Jerry" <live>',
          publishedAt: '2025-07-10T14:05:00Z',
        },
      ],
      { name: 'Newsroom', language: 'en' },
    );
    const { urlset: parsed } = parser.parse(xml);
    expect(parsed['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(parsed.url).toEqual({
      loc: 'https://news.example/articles/a',
      'news:news': {
        'news:publication': { 'news:name': 'Newsroom', 'news:language': 'en' },
        'news:publication_date': '2025-07-10T14:05:00.000Z',
        'news:title': 'Tom & "Jerry" <live>',
      },
    });
  });
});

describe('months of the archive', () => {
  it('takes the month in UTC and gives its half-open range', () => {
    expect(monthOf('2025-07-31T23:30:00-02:00')).toBe('2025-08');
    expect(monthRange('2025-07')).toEqual({
      from: '2025-07-01T00:00:00.000Z',
      to: '2025-08-01T00:00:00.000Z',
    });
    expect(monthRange('2025-12')).toEqual({
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
  });

  it('names and reads sitemap parts, refusing anything else', () => {
    expect(monthPartName({ month: '2025-07', part: 1 })).toBe('2025-07');
    expect(monthPartName({ month: '2025-07', part: 2 })).toBe('2025-07-2');
    expect(parseMonthPart('2025-07')).toEqual({ month: '2025-07', part: 1 });
    expect(parseMonthPart('2025-07-12')).toEqual({ month: '2025-07', part: 12 });
    for (const bad of [
      '2025-13',
      '2025-7',
      '2025-07-1',
      '2025-07-0',
      '2025-07-02',
      '0999-01',
      '2025-07.xml',
      '',
    ]) {
      expect(parseMonthPart(bad)).toBeNull();
    }
  });
});
