import type { Store } from '@newsroom/db';
import type { ArticleSummary } from '@newsroom/domain';
import { sampleStorySlug } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTaggedStories, render, type SiteUnderTest, startSite, testSiteUrl } from './site';

// The pages against a real API server over HTTP, as in production (see testing/site.ts).
let site: SiteUnderTest;
let store: Store;
let latest: ArticleSummary[];
let renamedFrom: string;
let renamedTo: string;
let withImage: ArticleSummary;
let corrected: ArticleSummary;

const scriptHeadline = 'Why </script><script>alert(1)</script> is not a headline';

beforeAll(async () => {
  site = await startSite({
    seed: async (s) => {
      await addTaggedStories(s, 'deep-dive', 25);
      await s.articles.importMany([
        {
          headline: scriptHeadline,
          slug: 'script-in-a-headline',
          body: [{ type: 'paragraph', text: 'A headline that tries to close a script element.' }],
          status: 'published',
          createdAt: '2019-01-01T00:00:00.000Z',
          publishedAt: '2019-01-01T00:00:00.000Z',
        },
      ]);
      const sample = await s.articles.bySlug(sampleStorySlug);
      if (!sample) throw new Error('no sample story');
      const first = await s.comments.create({
        articleId: sample.id,
        displayName: 'Ann <b>Reader</b>',
        body: 'A first comment.\nOn two lines.',
        parentId: null,
      });
      await s.comments.setStatus(first.id, 'approved');
      const reply = await s.comments.create({
        articleId: sample.id,
        displayName: 'Bo Replier',
        body: 'A reply to Ann.',
        parentId: first.id,
      });
      await s.comments.setStatus(reply.id, 'approved');
      await s.comments.create({
        articleId: sample.id,
        displayName: 'Pending Person',
        body: 'Not yet approved.',
        parentId: null,
      });
    },
  });
  store = site.store;
  latest = (await store.articles.list({ limit: 20 })).items;
  const toRename = latest[15] as ArticleSummary;
  const full = await store.articles.byId(toRename.id);
  renamedFrom = toRename.slug;
  renamedTo = `${toRename.slug}-renamed`;
  await store.articles.update({ id: toRename.id, version: full?.version ?? 1, slug: renamedTo });
  await store.sections.update('culture', { slug: 'arts' });
  withImage = latest.find((a) => a.heroImage && a.slug !== renamedFrom) as ArticleSummary;
  corrected = latest[3] as ArticleSummary;
  const toCorrect = await store.articles.byId(corrected.id);
  await store.articles.addCorrection(
    corrected.id,
    toCorrect?.version ?? 1,
    'An earlier version misspelt a name.',
  );
});
afterAll(() => site.close());

const modules = {
  home: () => import('../src/pages/index.astro'),
  article: () => import('../src/pages/articles/[slug].astro'),
  section: () => import('../src/pages/sections/[slug].astro'),
  tag: () => import('../src/pages/tags/[slug].astro'),
  author: () => import('../src/pages/authors/[slug].astro'),
  search: () => import('../src/pages/search.astro'),
};

async function page(kind: keyof typeof modules, path: string, params: Record<string, string> = {}) {
  return render(site.container, await modules[kind](), path, { params });
}
const article = (slug: string, query = '') => page('article', `/articles/${slug}${query}`, { slug });

/** The attribute values of every element matching `tag` with `attr` (a rough reader for tests). */
function meta(html: string, key: string): string[] {
  const re = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, 'g');
  return [...html.matchAll(re)].map((m) => m[1] ?? '');
}

/** The markup with attribute values emptied: what is left of `<` there would be an element. */
const withoutAttributes = (html: string) => html.replace(/"[^"]*"/g, '""');

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) =>
    JSON.parse(m[1] ?? ''),
  );
}

describe('the home page', () => {
  it('leads with the latest story, lists the next ones, and has a block per section', async () => {
    const { status, html } = await page('home', '/');
    expect(status).toBe(200);
    const [lead, ...rest] = latest;
    expect(html).toMatch(new RegExp(`class="card card-lead[^"]*".*?href="/articles/${lead?.slug}"`, 's'));
    for (const article of rest.slice(0, 5)) expect(html).toContain(`href="/articles/${article.slug}"`);
    expect(html).toMatch(/<h1[^>]*>Newsroom: the latest news<\/h1>/);
    expect(html).toContain('<h2 id="latest-heading">Latest stories</h2>');
    for (const section of ['world', 'politics', 'science']) {
      expect(html).toContain(
        `<h2 class="section-heading" id="section-${section}"><a href="/sections/${section}">`,
      );
    }
    expect(html).toContain('More from Science');
    expect(html).toMatch(/<time datetime="[^"]+">\d{1,2} \w+ \d{4}, \d{2}:\d{2}<\/time> · \d+ min read/);
  });

  it('pages through older stories by cursor', async () => {
    const { html } = await page('home', '/');
    const next = /<a href="(\/\?cursor=[^"]+)" rel="next">Older stories<\/a>/.exec(html)?.[1];
    expect(next).toBeDefined();
    const older = await page('home', (next as string).replace(/&amp;/g, '&'));
    expect(older.status).toBe(200);
    expect(older.html).toContain('<h1>Older stories</h1>');
    expect(older.html).not.toContain(`href="/articles/${latest[0]?.slug}"`);
    expect(older.html).toContain(`href="/articles/${latest[12]?.slug}"`);
  });

  it('has the site navigation, a search form and the metadata every page has', async () => {
    const { html } = await page('home', '/');
    expect(html).toMatch(/<nav class="site-nav" aria-label="Sections">/);
    expect(html).toContain('<a href="/sections/world">World</a>');
    expect(html).toMatch(/<form class="site-search" role="search" action="\/search" method="get"/);
    expect(html).toMatch(/<input type="search" id="site-search-q" name="q"/);
    expect(html).toContain('<title>Newsroom</title>');
    expect(html).toContain(`<link rel="canonical" href="${testSiteUrl}/">`);
    expect(meta(html, 'og:type')).toEqual(['website']);
    expect(meta(html, 'og:url')).toEqual([`${testSiteUrl}/`]);
    expect(meta(html, 'og:site_name')).toEqual(['Newsroom']);
    expect(meta(html, 'twitter:card')).toEqual(['summary']);
    expect(html).toMatch(
      /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/rss.xml">/,
    );
    expect(html).toContain('<a class="skip-link" href="#content">');
    expect(html).toContain('<main id="content"');
  });

  it('refuses a made-up cursor with 400', async () => {
    const { status } = await page('home', '/?cursor=garbage');
    expect(status).toBe(400);
  });
});

describe('the article page', () => {
  it('renders the sample story with its dateline, times, see-also links, credit and tags', async () => {
    const { status, html } = await article(sampleStorySlug);
    expect(status).toBe(200);
    expect(html).toContain('KUALA LUMPUR');
    expect(html).toContain('Published <time datetime="2025-07-10T14:05:00.000Z">10 July 2025, 14:05</time>');
    expect(html).toContain('<h2>Diplomatic promotion and tariff threats</h2>');
    expect(html).toMatch(
      /<aside class="see-also">\s*<span class="see-also-label">See also<\/span>\s*<a href="\/articles\/fire-destroys-tomorrowlands-iconic-main-stage">/,
    );
    expect(html).toContain('<p class="credits">Additional sources: AP</p>');
    expect(html).toMatch(
      /Tagged: <a href="\/tags\/ukraine" rel="tag">Ukraine<\/a>, <a href="\/tags\/russia" rel="tag">Russia<\/a>, <a href="\/tags\/asean" rel="tag">ASEAN<\/a>/,
    );
    expect(html).not.toContain('4 Min Read');
    expect(html).not.toContain('Share This Article');
  });

  it('links the byline to the author pages and shows the reading time', async () => {
    const { html } = await article(sampleStorySlug);
    expect(html).toMatch(
      /By <a class="author" rel="author" href="\/authors\/newsroom-wire-desk">Newsroom Wire Desk<\/a>/,
    );
    expect(html).toMatch(/· <span class="reading-time">\d+ min read<\/span>/);
    expect((html.match(/<h1[ >]/g) ?? []).length).toBe(1);
  });

  it('shows the hero image at once, with its alt text, and makes it the social card', async () => {
    const image = withImage.heroImage;
    if (!image) throw new Error('no story with a hero image');
    const { html } = await article(withImage.slug);
    expect(html).toMatch(
      new RegExp(
        `<div class="hero">\\s*<figure>\\s*<img src="${image.src}" alt="${image.alt}" width="${image.width}" height="${image.height}" loading="eager"`,
      ),
    );
    expect(meta(html, 'og:image')).toEqual([`${testSiteUrl}${image.src}`]);
    expect(meta(html, 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta(html, 'twitter:image')).toEqual([`${testSiteUrl}${image.src}`]);
  });

  it('has the metadata of an article: canonical URL, Open Graph, feeds', async () => {
    const { html } = await article(sampleStorySlug);
    const url = `${testSiteUrl}/articles/${sampleStorySlug}`;
    expect(html).toContain(`<link rel="canonical" href="${url}">`);
    expect(meta(html, 'og:type')).toEqual(['article']);
    expect(meta(html, 'og:url')).toEqual([url]);
    expect(meta(html, 'og:title')[0]).toMatch(/^Despite “frustration”, Rubio/);
    expect(meta(html, 'description')[0]).toMatch(/^US Secretary of State Marco Rubio says/);
    expect(meta(html, 'article:published_time')).toEqual(['2025-07-10T14:05:00.000Z']);
    expect(meta(html, 'article:tag')).toContain('Ukraine');
    expect(html).toMatch(/<title>Despite “frustration”.* \| Newsroom<\/title>/);
  });

  it('describes itself as a NewsArticle with a BreadcrumbList, and shows the breadcrumbs', async () => {
    const { html } = await article(sampleStorySlug);
    const url = `${testSiteUrl}/articles/${sampleStorySlug}`;
    const [news, crumbs] = jsonLd(html);
    expect(news).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: expect.stringMatching(/^Despite “frustration”/),
      datePublished: '2025-07-10T14:05:00.000Z',
      dateModified: expect.any(String),
      author: [
        { '@type': 'Person', name: 'Newsroom Wire Desk', url: `${testSiteUrl}/authors/newsroom-wire-desk` },
      ],
      publisher: { '@type': 'Organization', name: 'Newsroom', logo: { '@type': 'ImageObject' } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    });
    expect(crumbs).toMatchObject({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { position: 1, name: 'Home', item: `${testSiteUrl}/` },
        { position: 2, name: 'World', item: `${testSiteUrl}/sections/world` },
        { position: 3, item: url },
      ],
    });
    expect(html).toMatch(
      /<nav class="breadcrumbs" aria-label="Breadcrumb">\s*<ol>\s*<li>\s*<a href="\/">Home<\/a>\s*<\/li>\s*<li>\s*<a href="\/sections\/world">World<\/a>\s*<\/li>\s*<li>\s*<span aria-current="page">Despite/,
    );
  });

  it('gives the hero image to the JSON-LD when there is one', async () => {
    const { html } = await article(withImage.slug);
    expect(jsonLd(html)[0]?.image).toEqual([`${testSiteUrl}${withImage.heroImage?.src}`]);
  });

  it('serializes structured data so no text can close its script element', async () => {
    const { html } = await article('script-in-a-headline');
    expect(withoutAttributes(html)).not.toContain('<script>alert(1)');
    expect(html).toContain('\\u003c/script\\u003e');
    expect(jsonLd(html)[0]?.headline).toBe(scriptHeadline);
  });

  it('has share links with the address and title encoded, and the address to copy', async () => {
    const { html } = await article(sampleStorySlug);
    const url = encodeURIComponent(`${testSiteUrl}/articles/${sampleStorySlug}`);
    const title = encodeURIComponent(
      'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov',
    );
    expect(html).toContain(`href="https://x.com/intent/post?url=${url}&amp;text=${title}"`);
    expect(html).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${url}"`);
    expect(html).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url=${url}"`);
    expect(html).toContain(`href="https://wa.me/?text=${title}%20${url}"`);
    expect(html).toContain(`href="mailto:?subject=${title}&amp;body=${url}"`);
    expect(html).toMatch(
      /<input id="share-url" type="url" value="https:\/\/news.example\/articles\/[^"]+" readonly>/,
    );
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('shows corrections, dated, and the time of the update', async () => {
    const { html } = await article(corrected.slug);
    expect(html).toMatch(
      /<section class="corrections" aria-labelledby="corrections-heading">\s*<h2 id="corrections-heading">Corrections<\/h2>\s*<ul>\s*<li>\s*<time datetime="[^"]+">[^<]+<\/time>: An earlier version misspelt a name\.<\/li>/,
    );
    expect(html).toMatch(
      /Published <time datetime="[^"]+">[^<]+<\/time> · Updated <time datetime="[^"]+">[^<]+<\/time>/,
    );
  });

  it('lists related stories, the editor’s picks first', async () => {
    const { html } = await article(sampleStorySlug);
    const related = html.slice(html.indexOf('id="related-heading"'));
    expect(related).toMatch(
      /<h3 class="card-headline"><a href="\/articles\/fire-destroys-tomorrowlands-iconic-main-stage">/,
    );
    expect(related.indexOf('tomorrowland')).toBeLessThan(related.indexOf('salgado'));
  });

  it('shows approved comments with replies under them, escaped, and never pending ones', async () => {
    const { html } = await article(sampleStorySlug);
    expect(html).toContain('<h2 id="comments-heading">Comments</h2>');
    expect(html).toMatch(
      /<li class="comment" id="comment-[0-9a-f-]+">\s*<p class="comment-meta">\s*<span class="comment-author">Ann &lt;b&gt;Reader&lt;\/b&gt;<\/span>/,
    );
    expect(html).toContain('A first comment.\nOn two lines.');
    expect(html).toMatch(
      /<ol class="replies">\s*<li class="comment" id="comment-[^"]+">.*Bo Replier.*A reply to Ann\./s,
    );
    expect(html).not.toContain('Not yet approved.');
  });

  it('has a comment form that works without JavaScript, with a hidden honeypot', async () => {
    const { html } = await article(sampleStorySlug);
    expect(html).toMatch(
      new RegExp(
        `<form class="comment-form" id="comment-form" method="post" action="/articles/${sampleStorySlug}#comment-form">`,
      ),
    );
    expect(html).toMatch(
      /<label for="comment-name">Name<\/label>\s*<input id="comment-name" name="displayName"/,
    );
    expect(html).toMatch(
      /<label for="comment-body">Comment<\/label>\s*<textarea id="comment-body" name="body"/,
    );
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true">\s*<label for="comment-website">[^<]+<\/label>\s*<input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off">/,
    );
    expect(html).toContain('<button type="submit">Post comment</button>');
  });

  it('offers a reply form for a comment chosen with ?reply=', async () => {
    const sample = await store.articles.bySlug(sampleStorySlug);
    const thread = (await store.comments.list(sample?.id ?? '', { order: 'oldest', limit: 5 })).items[0];
    const { html } = await article(sampleStorySlug, `?reply=${thread?.id}`);
    expect(html).toContain(`<input type="hidden" name="parentId" value="${thread?.id}">`);
    expect(html).toContain('Reply to Ann &lt;b&gt;Reader&lt;/b&gt;');
  });

  it('answers an unknown slug with 404', async () => {
    const { status, html } = await article('no-such-story');
    expect(status).toBe(404);
    expect(html).toContain('Page not found');
  });

  it('answers a malformed or oversized slug with 400', async () => {
    expect((await article('NOT A SLUG')).status).toBe(400);
    expect((await article('a'.repeat(10_000))).status).toBe(400);
  });
});

describe('renamed slugs', () => {
  it('redirects an article’s old slug to its new address with 301', async () => {
    const response = await render(site.container, await modules.article(), `/articles/${renamedFrom}`, {
      params: { slug: renamedFrom },
    });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`/articles/${renamedTo}`);
  });

  it('redirects a renamed section, keeping the page asked for', async () => {
    const response = await page('section', '/sections/culture', { slug: 'culture' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/sections/arts');
  });
});

describe('section, tag and author pages', () => {
  it('a section page lists its stories with its feed, and pages through them', async () => {
    const { status, html } = await page('section', '/sections/science', { slug: 'science' });
    expect(status).toBe(200);
    expect(html).toContain('<h1>Science</h1>');
    expect(html).toContain('<a href="/sections/science" aria-current="page">Science</a>');
    expect(html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Newsroom: Science" href="/sections/science/rss.xml">',
    );
    expect(html).toContain(`<link rel="canonical" href="${testSiteUrl}/sections/science">`);
    expect((html.match(/<li>\s*<article class="card/g) ?? []).length).toBe(20);
    const next = /<a href="(\/sections\/science\?cursor=[^"]+)" rel="next">Older stories<\/a>/.exec(
      html,
    )?.[1];
    expect(next).toBeDefined();
    const older = await page('section', next as string, { slug: 'science' });
    expect(older.status).toBe(200);
    expect(older.html).toContain('Deep dive number 1<');
    expect(older.html).toMatch(/<title>Science: older stories \| Newsroom<\/title>/);
  });

  it('a tag page lists its stories with its feed, and pages through them', async () => {
    const { status, html } = await page('tag', '/tags/deep-dive', { slug: 'deep-dive' });
    expect(status).toBe(200);
    expect(html).toContain('<h1>Deep dive</h1>');
    expect(html).toContain('Long reads.');
    expect(html).toContain('href="/tags/deep-dive/rss.xml"');
    expect(html).toContain('Deep dive number 25<');
    expect(html).not.toContain('Deep dive number 5<');
    const next = /<a href="(\/tags\/deep-dive\?cursor=[^"]+)" rel="next">/.exec(html)?.[1];
    const older = await page('tag', next as string, { slug: 'deep-dive' });
    expect(older.html).toContain('Deep dive number 5<');
    expect(older.html).not.toContain('rel="next"');
  });

  it('an author page shows the bio and the stories under the byline', async () => {
    const { status, html } = await page('author', '/authors/grace-mensah', { slug: 'grace-mensah' });
    expect(status).toBe(200);
    expect(html).toContain('<h1>Grace Mensah</h1>');
    expect(html).toContain('invented reporter');
    expect(meta(html, 'og:type')).toEqual(['profile']);
    expect(html).toMatch(/<a href="\/authors\/grace-mensah\?cursor=[^"]+" rel="next">Older stories<\/a>/);
  });

  it('answers an unknown slug with 404 and a bad cursor with 400', async () => {
    expect((await page('tag', '/tags/no-such-tag', { slug: 'no-such-tag' })).status).toBe(404);
    expect((await page('author', '/authors/nobody', { slug: 'nobody' })).status).toBe(404);
    expect((await page('section', '/sections/world?cursor=nope', { slug: 'world' })).status).toBe(400);
  });
});

describe('the search page', () => {
  it('marks the matching words in each snippet, with everything escaped', async () => {
    const { status, html } = await page('search', '/search?q=lavrov');
    expect(status).toBe(200);
    expect(html).toContain(`<a href="/articles/${sampleStorySlug}">`);
    expect(html).toMatch(/<p class="snippet">[^<]*<mark>Lavrov<\/mark>/);
    expect(html).toMatch(/<input type="search" id="search-q" name="q" value="lavrov"/);
    expect(meta(html, 'robots')).toEqual(['noindex']);
  });

  it('escapes what the reader typed', async () => {
    const { html } = await page('search', `/search?q=${encodeURIComponent('<b>lavrov</b>')}`);
    expect(withoutAttributes(html)).not.toContain('<b>lavrov</b>');
    expect(html).toContain('&lt;b&gt;lavrov&lt;/b&gt;');
  });

  it('says so when nothing matches', async () => {
    const { status, html } = await page('search', '/search?q=zebrafishquux');
    expect(status).toBe(200);
    expect(html).toContain('No stories match “zebrafishquux”.');
  });

  it('answers an empty or too-long search with 400 and says why', async () => {
    const empty = await page('search', '/search?q=++');
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Type a word or two to search for.');
    const long = await page('search', `/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.html).toContain('Your search is too long: use at most 200 characters');
  });

  it('shows the form alone when nothing was asked', async () => {
    const { status, html } = await page('search', '/search');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Search</h1>');
    expect(html).not.toContain('Results for');
  });
});
