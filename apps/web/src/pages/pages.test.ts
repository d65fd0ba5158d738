import { startTestApi } from '@newsroom/api/testing';
import { openStore, type Store, sampleStorySlug, seedIfEmpty } from '@newsroom/db';
import type { ArticleSummary } from '@newsroom/domain';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The pages run against a real API server over HTTP, as in production.
let store: Store;
let stopApi: () => Promise<void>;
let container: AstroContainer;
let latest: ArticleSummary[];

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 25, seed: 3 });
  const api = await startTestApi(store);
  process.env.API_URL = api.url;
  stopApi = async () => {
    await api.close();
    await store.close();
  };
  container = await AstroContainer.create();
  latest = (await store.articles.list({ limit: 20 })).items;
});
afterAll(() => stopApi());

async function page(path: string, params: Record<string, string> = {}) {
  const module = path === '/' ? await import('./index.astro') : await import('./articles/[slug].astro');
  const response = await container.renderToResponse(module.default, {
    params,
    request: new Request(`http://localhost${path}`),
  });
  return { status: response.status, html: await response.text() };
}

describe('the home page', () => {
  it('lists the latest stories with links to them and a link to older ones', async () => {
    const { status, html } = await page('/');
    expect(status).toBe(200);
    for (const article of latest.slice(0, 5)) expect(html).toContain(`href="/articles/${article.slug}"`);
    expect(html).toContain('Older stories');
    expect(html).toMatch(/<time datetime="[^"]+">\d{1,2} \w+ \d{4}, \d{2}:\d{2}<\/time> · \d+ min read/);
  });

  it('refuses a made-up cursor with 400', async () => {
    const { status } = await page('/?cursor=garbage');
    expect(status).toBe(400);
  });
});

describe('the article page', () => {
  it('renders the sample story with its dateline, times, see-also links, credit and tags', async () => {
    const slug = sampleStorySlug;
    const { status, html } = await page(`/articles/${slug}`, { slug });
    expect(status).toBe(200);
    expect(html).toContain('KUALA LUMPUR');
    expect(html).toContain('Published <time datetime="2025-07-10T14:05:00.000Z">10 July 2025, 14:05</time>');
    expect(html).toContain('<h2>Diplomatic promotion and tariff threats</h2>');
    expect(html).toMatch(/<a href="\/articles\/fire-destroys-tomorrowlands-iconic-main-stage">/);
    expect(html).toContain('Additional sources: AP');
    expect(html).toMatch(/Tagged: Ukraine, Russia, ASEAN/);
    expect(html).not.toContain('4 Min Read');
    expect(html).not.toContain('Share This Article');
  });

  it('renders a story with its headline, byline and reading time', async () => {
    const article = latest[0] as ArticleSummary;
    const { status, html } = await page(`/articles/${article.slug}`, { slug: article.slug });
    expect(status).toBe(200);
    expect(html).toContain('<h1>');
    expect(html).toContain(`${article.readingTimeMinutes} min read`);
    expect(html).toMatch(/<time datetime="[^"]+Z">/);
  });

  it('answers an unknown slug with 404', async () => {
    const { status, html } = await page('/articles/no-such-story', { slug: 'no-such-story' });
    expect(status).toBe(404);
    expect(html).toContain('Page not found');
  });

  it('answers a malformed or oversized slug with 400', async () => {
    expect((await page('/articles/NOT%20A%20SLUG', { slug: 'NOT A SLUG' })).status).toBe(400);
    const long = 'a'.repeat(10_000);
    expect((await page(`/articles/${long}`, { slug: long })).status).toBe(400);
  });
});
