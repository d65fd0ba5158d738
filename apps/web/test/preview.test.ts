import type { Store } from '@newsroom/db';
import type { Article } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, render, type SiteUnderTest, startBuiltSite, startSite } from './site';

// The preview page, /preview/<token>, rendered against a real API server over HTTP with real
// links made by the Store, and through the built site for the headers its server sends.
let site: SiteUnderTest;
let store: Store;
let draft: Article;
let token: string;

const hostileHeadline = 'Mayor <script>alert(1)</script> & <img src=x onerror=alert(2)> resigns';

/** A link to `articleId` that works for a day (or has already ended, with `ended`). */
async function linkTo(articleId: string, ended = false): Promise<{ id: string; secret: string }> {
  const now = Date.now();
  return store.previews.create(articleId, {
    expiresAt: new Date(ended ? now - 1_000 : now + 86_400_000),
    purpose: 'share',
    actor: { personId: null, name: 'Test desk' },
    now: new Date(ended ? now - 60_000 : now),
  });
}

beforeAll(async () => {
  site = await startSite({ stories: 3 });
  store = site.store;
  draft = await store.articles.create({
    headline: hostileHeadline,
    standfirst: 'The standfirst of a story nobody has read yet.',
    body: [
      { type: 'paragraph', text: 'Not yet published: **in confidence** until Monday.' },
      { type: 'quote', text: '<b>We will appeal</b>', attribution: 'A lawyer' },
    ],
    sectionSlug: 'world',
    dateline: 'LISBON',
  });
  token = (await linkTo(draft.id)).secret;
});
afterAll(() => site.close());

const previewModule = () => import('../src/pages/preview/[token].astro');
const preview = async (t: string) =>
  render(site.container, await previewModule(), `/preview/${t}`, { params: { token: t } });

/** The story element of a page, without its share links: what preview and article page must agree on. */
function storyOf(html: string): string {
  const story = /<article class="story"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
  return story.replace(/<section class="share"[\s\S]*?<\/section>/, '');
}

describe('a preview link', () => {
  it('shows the draft under a banner saying it is not published, with its status and until when', async () => {
    const page = await preview(token);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<p class="preview-title">Preview: not published<\/p>/);
    expect(page.html).toContain('<span class="preview-status">Draft</span>');
    expect(page.html).toMatch(
      /This preview link works until <time datetime="[^"]+">\d{1,2} \w+ \d{4}, \d{2}:\d{2}<\/time>\./,
    );
    expect(page.html).toContain('The standfirst of a story nobody has read yet.');
    expect(page.html).toContain('<span class="dateline">LISBON</span>');
    expect(page.html).toMatch(/<nav class="site-nav" aria-label="Sections">/);
  });

  it('is for nobody but the holder: noindex, nofollow, not cached, no Referer', async () => {
    const page = await preview(token);
    expect(page.html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // Nothing gives the link's address away: no canonical URL, og:url or structured data.
    expect(page.html).not.toContain('rel="canonical"');
    expect(page.html).not.toContain('og:url');
    expect(page.html).not.toContain('application/ld+json');
    expect(page.html).not.toContain(token);
  });

  it('has no comments, no comment form, no share links and no related stories', async () => {
    const { html } = await preview(token);
    expect(html).not.toContain('id="comments"');
    expect(html).not.toContain('comment-form');
    expect(html).not.toContain('class="share"');
    expect(html).not.toContain('class="related"');
  });

  it('shows content as text: nothing from the story renders as markup', async () => {
    const { html } = await preview(token);
    expect(html).toContain(
      'Mayor &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; resigns',
    );
    expect(html).toContain('&lt;b&gt;We will appeal&lt;/b&gt;');
    // Attribute values may hold `<` (only quotes end them), so markup is looked for outside them.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script>alert|<img src=x|<b>We will/);
    expect(html).toContain('<strong>in confidence</strong>');
  });

  it('shows the story exactly as the article page will once it is published', async () => {
    const story = await store.articles.create({
      headline: 'Harbour reopens after the storm',
      standfirst: 'Ferries are back.',
      body: [
        { type: 'paragraph', text: 'The **lighthouse** keeper waved.' },
        { type: 'heading', level: 2, text: 'What happens next' },
        { type: 'list', style: 'bulleted', items: ['One', 'Two'] },
      ],
      sectionSlug: 'world',
      tagSlugs: [],
      sources: [{ name: 'AP', type: 'wire', url: null }],
    });
    const link = await linkTo(story.id);
    const before = await preview(link.secret);
    expect(before.html).toContain('<span class="preview-status">Draft</span>');

    const published = await store.articles.setStatus(story.id, story.version, 'published');
    const after = await preview(link.secret);
    expect(after.html).toMatch(/<p class="preview-title">Preview: published<\/p>/);
    const articlePage = await render(
      site.container,
      await import('../src/pages/articles/[slug].astro'),
      `/articles/${published.slug}`,
      { params: { slug: published.slug } },
    );
    expect(articlePage.status).toBe(200);
    expect(storyOf(after.html)).not.toBe('');
    expect(storyOf(after.html)).toBe(storyOf(articlePage.html));
    // Before publication the same story, less what publishing adds (the published time).
    expect(storyOf(before.html)).toBe(
      storyOf(articlePage.html).replace(/<p class="meta times">[\s\S]*?<\/p>/, ''),
    );
  });

  it('names a scheduled story’s time and an archived one’s state', async () => {
    const story = await store.articles.create({ headline: 'Budget day', body: [] });
    const link = await linkTo(story.id);
    const scheduled = await store.articles.setStatus(story.id, story.version, 'scheduled', {
      scheduledFor: '2099-03-04T09:30:00.000Z',
    });
    expect((await preview(link.secret)).html).toContain(
      '<span class="preview-status">Scheduled for 4 March 2099, 09:30</span>',
    );
    await store.articles.setStatus(scheduled.id, scheduled.version, 'archived');
    expect((await preview(link.secret)).html).toContain(
      '<span class="preview-status">Archived: taken off the site</span>',
    );
  });
});

describe('a link that does not open', () => {
  it('gets one 404 page whatever the reason: unknown, malformed, expired, revoked, article deleted', async () => {
    const expired = await linkTo(draft.id, true);
    const revoked = await linkTo(draft.id);
    await store.previews.revoke(revoked.id);
    const doomed = await store.articles.create({ headline: 'Spiked', body: [] });
    const ofDeleted = await linkTo(doomed.id);
    await store.articles.delete(doomed.id, doomed.version);

    const pages = await Promise.all(
      [
        'nrp_neverMadeAtAll',
        'x'.repeat(500),
        '%3Cscript%3E',
        expired.secret,
        revoked.secret,
        ofDeleted.secret,
      ].map(preview),
    );
    const [first] = pages;
    expect(first?.status).toBe(404);
    expect(first?.html).toContain('<h1>Preview not available</h1>');
    expect(first?.html).toContain(
      'This preview link does not work: it may have expired or been revoked. Ask the newsroom for a new one.',
    );
    expect(first?.html).toContain('<meta name="robots" content="noindex, nofollow">');
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.html).toBe(first?.html);
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('through the built site', () => {
  let built: BuiltSite;
  beforeAll(async () => {
    built = await startBuiltSite({ API_URL: site.apiUrl, WEB_PAGE_CACHE_MB: '16' });
  });
  afterAll(async () => {
    await built?.stop();
  });

  it('sends the preview’s own headers past the site’s defaults, and never keeps it in the page cache', async () => {
    const link = await linkTo(draft.id);
    const first = await fetch(`${built.url}/preview/${link.secret}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect(first.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await first.text()).toContain('Preview: not published');

    // Revoked, it stops at once: nothing kept it, in the site or the API.
    await store.previews.revoke(link.id);
    const after = await fetch(`${built.url}/preview/${link.secret}`);
    expect(after.status).toBe(404);
    expect(after.headers.get('cache-control')).toBe('private, no-store');
    expect(await after.text()).toContain('Preview not available');
  });
});
