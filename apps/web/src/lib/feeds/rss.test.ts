import type { Article } from '@newsroom/domain';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { rfc822, rssFeed } from './rss';

type Item = {
  'content:encoded': string;
  creators: string[];
  media: { $: Record<string, string>; 'media:description'?: unknown[]; 'media:credit'?: unknown[] };
};
const parser = new Parser<Record<string, never>, Item>({
  customFields: {
    item: [
      ['dc:creator', 'creators', { keepArray: true }],
      ['media:content', 'media'],
    ],
  },
});

const site = 'https://news.example';

function article(overrides: Partial<Article> = {}): Article {
  return {
    id: '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a01',
    slug: 'council-votes',
    headline: 'Council votes',
    standfirst: 'The budget passed 7–2.',
    body: [{ type: 'paragraph', text: 'The vote was **7–2**.' }],
    status: 'published',
    createdAt: '2025-07-10T13:00:00.000Z',
    updatedAt: '2025-07-10T16:40:00.000Z',
    publishedAt: '2025-07-10T14:05:00.000Z',
    scheduledFor: null,
    version: 3,
    section: { slug: 'politics', name: 'Politics' },
    authors: [
      { slug: 'amara-okafor', name: 'Amara Okafor' },
      { slug: 'daniel-oconnor', name: 'Daniel O’Connor' },
    ],
    tags: [
      { slug: 'budget', name: 'Budget', type: 'topic' },
      { slug: 'city-hall', name: 'City Hall & Co', type: 'organization' },
    ],
    heroImage: {
      src: '/media/sample/1.svg',
      alt: 'The council chamber',
      caption: 'Councillors voting',
      credit: 'Newsroom',
      width: 1200,
      height: 800,
    },
    dateline: null,
    sources: [],
    corrections: [],
    canonicalUrl: null,
    seoTitle: null,
    seoDescription: null,
    language: 'en',
    relatedSlugs: [],
    commentPolicy: 'moderated',
    reviewRequestedAt: null,
    wordCount: 4,
    readingTimeMinutes: 1,
    ...overrides,
  };
}

const channel = {
  title: 'Newsroom & Co',
  link: site,
  description: 'The latest stories.',
  selfUrl: `${site}/rss.xml`,
};

describe('the RSS builder', () => {
  it('writes a channel and an item with every field feed readers use', async () => {
    const xml = rssFeed({ channel, articles: [article()], siteUrl: site, now: new Date() });
    expect(xml).toContain(
      '<atom:link href="https://news.example/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(xml).toContain('<guid isPermaLink="false">urn:uuid:0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a01</guid>');
    expect(xml).toContain('<pubDate>Thu, 10 Jul 2025 14:05:00 GMT</pubDate>');

    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Newsroom & Co');
    expect(feed.link).toBe(site);
    expect(feed.language).toBe('en');
    expect(feed.lastBuildDate).toBe('Thu, 10 Jul 2025 16:40:00 GMT');
    const [item] = feed.items;
    expect(item?.title).toBe('Council votes');
    expect(item?.link).toBe('https://news.example/articles/council-votes');
    expect(item?.isoDate).toBe('2025-07-10T14:05:00.000Z');
    expect(item?.contentSnippet).toBe('The budget passed 7–2.');
    expect(item?.creators).toEqual(['Amara Okafor', 'Daniel O’Connor']);
    expect(item?.categories).toEqual(['Budget', 'City Hall & Co']);
    expect(item?.['content:encoded']).toBe('<p>The vote was <strong>7–2</strong>.</p>');
    expect(item?.media.$).toEqual({
      url: 'https://news.example/media/sample/1.svg',
      medium: 'image',
      width: '1200',
      height: '800',
    });
    expect(JSON.stringify(item?.media)).toContain('The council chamber');
    expect(JSON.stringify(item?.media)).toContain('Newsroom');
  });

  it('keeps hostile content as text: a <script> headline, "]]>" and control characters in the body', async () => {
    const hostile = article({
      headline: '<script>alert("x")</script> & more',
      body: [
        { type: 'paragraph', text: 'End ]]> <b>bold</b> [x](javascript:alert(1)) bell\u0007 here' },
        { type: 'quote', text: ']]>]]>', attribution: '"quoted" \'too\'' },
      ],
      heroImage: null,
    });
    const xml = rssFeed({ channel, articles: [hostile], siteUrl: site, now: new Date() });
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<media:content');
    const [item] = (await parser.parseString(xml)).items;
    expect(item?.title).toBe('<script>alert("x")</script> & more');
    const html = item?.['content:encoded'];
    expect(html).toContain('End ]]&gt; &lt;b&gt;bold&lt;/b&gt; x bell here');
    expect(html).toContain(']]&gt;]]&gt;');
    expect(html).toContain('— &quot;quoted&quot; &#39;too&#39;');
    expect(html).not.toContain('javascript:');
  });

  it('dates an empty feed by the build time', async () => {
    const now = new Date('2026-01-02T03:04:05.000Z');
    const feed = await parser.parseString(rssFeed({ channel, articles: [], siteUrl: site, now }));
    expect(feed.items).toEqual([]);
    expect(feed.lastBuildDate).toBe(rfc822(now.toISOString()));
  });
});
