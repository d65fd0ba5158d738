import { type Article, excerptOf, type Image } from '@newsroom/domain';
import { bodyHtml } from './body-html';
import { absoluteUrl, articleUrl } from './urls';
import { type Element, el, xmlDocument } from './xml';

/** How many stories each feed carries: a day or two of a busy site, as readers expect. */
export const feedLength = 50;

/** The site's language; the pages say the same with `<html lang="en">`. */
export const siteLanguage = 'en';

export interface Channel {
  title: string;
  /** The page the feed follows: the home page, a section's or a tag's. */
  link: string;
  description: string;
  /** The feed's own address, for atom:link rel="self". */
  selfUrl: string;
}

export interface RssFeedInput {
  channel: Channel;
  /** Whole published articles, newest first. */
  articles: readonly Article[];
  siteUrl: string;
  /** The build time for a feed with no stories. */
  now: Date;
}

/** An RSS 2.0 document with the content, Dublin Core, Media RSS and Atom extensions. */
export function rssFeed({ channel, articles, siteUrl, now }: RssFeedInput): string {
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      el(
        'channel',
        {},
        el('title', {}, channel.title),
        el('link', {}, channel.link),
        el('description', {}, channel.description),
        el('language', {}, siteLanguage),
        el('lastBuildDate', {}, rfc822(lastChange(articles) ?? now.toISOString())),
        el('atom:link', { href: channel.selfUrl, rel: 'self', type: 'application/rss+xml' }),
        articles.map((article) => rssItem(article, siteUrl)),
      ),
    ),
  );
}

function rssItem(article: Article, siteUrl: string): Element {
  return el(
    'item',
    {},
    el('title', {}, article.headline),
    el('link', {}, articleUrl(siteUrl, article.slug)),
    // The id, not the URL: a story's slug can change (the old one redirects), and a guid that
    // changed with it would show subscribers the story again as new.
    el('guid', { isPermaLink: 'false' }, `urn:uuid:${article.id}`),
    el('pubDate', {}, rfc822(article.publishedAt ?? article.updatedAt)),
    el('description', {}, excerptOf(article)),
    article.authors.map((author) => el('dc:creator', {}, author.name)),
    article.tags.map((tag) => el('category', {}, tag.name)),
    el('content:encoded', {}, bodyHtml(article.body, siteUrl)),
    article.heroImage && mediaContent(article.heroImage, siteUrl),
  );
}

function mediaContent(image: Image, siteUrl: string): Element {
  const description = image.alt || image.caption;
  return el(
    'media:content',
    { url: absoluteUrl(siteUrl, image.src), medium: 'image', width: image.width, height: image.height },
    description && el('media:description', { type: 'plain' }, description),
    image.credit && el('media:credit', {}, image.credit),
  );
}

/** RFC 822 as RSS 2.0 asks ("Thu, 10 Jul 2025 14:05:00 GMT"), with the four-digit year of RFC 1123. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** When the newest change to any story in the feed happened: the channel changed then. */
function lastChange(articles: readonly Article[]): string | null {
  let latest: string | null = null;
  for (const article of articles) {
    if (latest === null || Date.parse(article.updatedAt) > Date.parse(latest)) latest = article.updatedAt;
  }
  return latest;
}
