import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, type NewsroomApiUnderTest, startBuiltSite, startNewsroomApi } from './site.ts';

// The built site in its own process, following a real API's events: a change purges the pages
// built from what changed, and the others stay kept.

let newsroom: NewsroomApiUnderTest;
let site: BuiltSite;
let first: { id: string; slug: string; version: number };
let second: { slug: string };

/** A published story of its own section and tag, so that it shares nothing with the others. */
async function storyApart(store: NewsroomApiUnderTest['store'], name: string) {
  await store.sections.upsert({ slug: name, name, description: null, order: 9 });
  await store.tags.upsert({ slug: `${name}-tag`, name: `${name} tag`, description: null, type: 'topic' });
  const draft = await store.articles.create({
    headline: `The ${name} story`,
    body: [{ type: 'paragraph', text: `Only about ${name}.` }],
    sectionSlug: name,
    tagSlugs: [`${name}-tag`],
  });
  return store.articles.setStatus(draft.id, draft.version, 'published');
}

beforeAll(async () => {
  let a: Awaited<ReturnType<typeof storyApart>> | undefined;
  let b: Awaited<ReturnType<typeof storyApart>> | undefined;
  newsroom = await startNewsroomApi({
    stories: 6,
    seed: async (store) => {
      a = await storyApart(store, 'alpha');
      b = await storyApart(store, 'beta');
    },
  });
  if (!a || !b) throw new Error('the stories were not made');
  first = { id: a.id, slug: a.slug, version: a.version };
  second = { slug: b.slug };
  site = await startBuiltSite({ API_URL: newsroom.apiUrl, WEB_PAGE_CACHE_MB: '16' });
  // The site empties its cache once its event stream first connects, a moment after it listens:
  // the tests start once a kept page stays kept.
  for (let kept = 0, tries = 0; kept < 3 && tries < 200; tries++) {
    kept = (await fetch(`${site.url}/search`)).headers.get('x-cache') === 'HIT' ? kept + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);
afterAll(async () => {
  await site?.stop();
  await newsroom?.close();
});

const get = async (path: string) => {
  const response = await fetch(`${site.url}${path}`);
  return {
    cache: response.headers.get('x-cache'),
    keys: response.headers.get('surrogate-key'),
    html: await response.text(),
  };
};

/** Asks for `path` until the site renders it anew (its key purged), for at most 10 s. */
async function purged(path: string): Promise<string> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const page = await get(path);
    if (page.cache === 'MISS') return page.html;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} was never purged`);
}

describe('the page cache, following the API’s events', () => {
  it('keeps pages, naming the keys they were built from', async () => {
    expect((await get(`/articles/${first.slug}`)).cache).toBe('MISS');
    const again = await get(`/articles/${first.slug}`);
    expect(again.cache).toBe('HIT');
    expect(again.keys?.split(' ')).toEqual(
      expect.arrayContaining([`article:${first.id}`, `slug:${first.slug}`, 'navigation']),
    );
    await get(`/articles/${second.slug}`);
    await get('/');
  });

  it('lets the front page go when a story is published, and keeps the unrelated story pages', async () => {
    const story = await newsroom.store.articles.create({
      headline: 'A story in no section and no tag',
      body: [{ type: 'paragraph', text: 'It shares nothing with the others.' }],
    });
    await newsroom.store.articles.setStatus(story.id, story.version, 'published');
    expect(await purged('/')).toContain('A story in no section and no tag');
    expect((await get(`/articles/${first.slug}`)).cache).toBe('HIT');
    expect((await get(`/articles/${second.slug}`)).cache).toBe('HIT');
  });

  it('renders a story anew once it changes, and only that story', async () => {
    await newsroom.store.articles.update({
      id: first.id,
      version: first.version,
      headline: 'A changed headline',
    });
    expect(await purged(`/articles/${first.slug}`)).toContain('A changed headline');
    expect((await get(`/articles/${second.slug}`)).cache).toBe('HIT');
  });
});
