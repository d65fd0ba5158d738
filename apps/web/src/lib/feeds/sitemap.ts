import { el, xmlDocument } from './xml';

/** The sitemaps protocol's limit per file (and per index). */
export const maxUrlsPerSitemap = 50_000;

/** Google reads at most this many entries from one news sitemap. */
export const maxNewsUrls = 1_000;

const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNamespace = 'http://www.google.com/schemas/sitemap-news/0.9';

export interface SitemapEntry {
  loc: string;
  /** An ISO-8601 time; left out when nothing says when the page last changed. */
  lastmod?: string | null;
}

/** A `<urlset>`: one `<url>` per page. */
export function urlset(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: sitemapNamespace },
      entries.map((e) => entry('url', e)),
    ),
  );
}

/** A `<sitemapindex>`: one `<sitemap>` per sitemap file. */
export function sitemapIndex(entries: readonly SitemapEntry[]): string {
  return xmlDocument(
    el(
      'sitemapindex',
      { xmlns: sitemapNamespace },
      entries.map((e) => entry('sitemap', e)),
    ),
  );
}

function entry(name: 'url' | 'sitemap', { loc, lastmod }: SitemapEntry) {
  return el(name, {}, el('loc', {}, loc), lastmod && el('lastmod', {}, w3cDateTime(lastmod)));
}

export interface NewsEntry {
  loc: string;
  title: string;
  publishedAt: string;
}

export interface Publication {
  name: string;
  /** ISO 639 as Google asks: "en", "pt", or "zh-cn"/"zh-tw". */
  language: string;
}

/** Google's news sitemap: stories published in the last two days, with their publication. */
export function newsSitemap(entries: readonly NewsEntry[], publication: Publication): string {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: sitemapNamespace, 'xmlns:news': newsNamespace },
      entries.map((e) =>
        el(
          'url',
          {},
          el('loc', {}, e.loc),
          el(
            'news:news',
            {},
            el(
              'news:publication',
              {},
              el('news:name', {}, publication.name),
              el('news:language', {}, publication.language),
            ),
            el('news:publication_date', {}, w3cDateTime(e.publishedAt)),
            el('news:title', {}, e.title),
          ),
        ),
      ),
    ),
  );
}

/** W3C Datetime in UTC ("2025-07-10T14:05:00.000Z"), whatever offset the time came with. */
export function w3cDateTime(iso: string): string {
  return new Date(iso).toISOString();
}
