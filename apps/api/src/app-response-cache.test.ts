import { openStore, type Store } from '@newsroom/db';
import { sampleStorySlug, seedIfEmpty } from '@newsroom/sample';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiConfig } from './config.js';
import { callApi } from './testing/call-api.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';
import { storeWith } from './testing/store-with.js';

let store: Store;
let api: TestApi | undefined;
let token: string;
/** How many times the API asked the database for an article by slug. */
let lookups: number;

beforeEach(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 4 });
  token = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
  lookups = 0;
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  await store.close();
});

async function start(config: Partial<ApiConfig> = {}): Promise<string> {
  const counted = storeWith(store, {
    articles: {
      bySlug: (...args) => {
        lookups++;
        return store.articles.bySlug(...args);
      },
    },
  });
  api = await startTestApi(counted, config);
  return api.url;
}

const sample = { slug: sampleStorySlug };
const headlineOf = async (url: string) =>
  (await callApi(url, 'article.bySlug', sample)).body.result.data.headline as string;

describe('the response cache', () => {
  it('answers a repeated public read from memory, with the same bytes and headers', async () => {
    const url = await start();
    const path = `${url}/article.bySlug?input=${encodeURIComponent(JSON.stringify(sample))}`;
    const first = await fetch(path);
    const second = await fetch(path);
    expect(lookups).toBe(1);
    expect(await second.text()).toBe(await first.text());
    for (const header of [
      'content-type',
      'cache-control',
      'etag',
      'vary',
      'content-security-policy',
      'x-content-type-options',
    ]) {
      expect(second.headers.get(header), header).toBe(first.headers.get(header));
    }
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));

    const revalidated = await fetch(path, { headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(revalidated.status).toBe(304);
    expect(lookups).toBe(1);
  });

  it('shows a write through the API to the very next read', async () => {
    const url = await start();
    const before = await store.articles.bySlug(sampleStorySlug);
    expect(await headlineOf(url)).toBe(before?.headline);
    const update = await callApi(
      url,
      'article.update',
      { id: before?.id, version: before?.version, headline: 'A corrected headline' },
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    );
    expect(update.status).toBe(200);
    expect(await headlineOf(url)).toBe('A corrected headline');
  });

  it('shows a write made without the API (a CLI import, another process) to the next read', async () => {
    const url = await start();
    await headlineOf(url);
    const before = await store.articles.bySlug(sampleStorySlug);
    await store.articles.update({
      id: before?.id ?? '',
      version: before?.version ?? 0,
      headline: 'Changed in the database',
    });
    expect(await headlineOf(url)).toBe('Changed in the database');
  });

  it('keeps the whole answer when it was first sent as a 304, for the next reader without a copy', async () => {
    const url = await start();
    const path = `${url}/article.bySlug?input=${encodeURIComponent(JSON.stringify(sample))}`;
    const first = await fetch(path);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    // A write elsewhere empties the cache; this answer stays the same.
    await store.tags.upsert({ slug: 'unrelated', name: 'Unrelated', description: null, type: 'topic' });
    const revalidated = await fetch(path, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);

    const fresh = await fetch(path);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await fresh.text()).toBe(body);
    expect(lookups).toBe(2);
  });

  it('is not used for readers with a token or queries sent as POST', async () => {
    const url = await start();
    const withToken = { headers: { authorization: `Bearer ${token}` } };
    await callApi(url, 'article.bySlug', sample, withToken);
    await callApi(url, 'article.bySlug', sample, withToken);
    expect(lookups).toBe(2);
    await callApi(url, 'article.bySlug', sample, { method: 'POST' });
    await callApi(url, 'article.bySlug', sample, { method: 'POST' });
    expect(lookups).toBe(4);
  });

  it('keeps no errors', async () => {
    const url = await start();
    for (let n = 0; n < 2; n++) {
      expect((await callApi(url, 'article.bySlug', { slug: 'not-here' })).status).toBe(404);
    }
    expect(lookups).toBe(2);
  });

  it('is off with API_RESPONSE_CACHE_MB=0', async () => {
    const url = await start({ API_RESPONSE_CACHE_MB: 0 });
    await headlineOf(url);
    await headlineOf(url);
    expect(lookups).toBe(2);
  });
});
