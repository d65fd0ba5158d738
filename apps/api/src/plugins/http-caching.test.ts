import { openStore, type Store } from '@newsroom/db';
import { sampleStorySlug, seedIfEmpty } from '@newsroom/sample';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiConfig } from '../config.js';
import { callApi } from '../testing/call-api.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { storeWith } from '../testing/store-with.js';

describe('HTTP caching', () => {
  let store: Store;
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    await seedIfEmpty(store, { count: 5, seed: 2 });
    token = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
    api = await startTestApi(store, { API_CACHE_S_MAXAGE: 45 });
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  const list = (limit: number) => `/article.list?input=${encodeURIComponent(JSON.stringify({ limit }))}`;

  describe('public reads', () => {
    it('may be kept by shared caches, with a strong ETag', async () => {
      const res = await fetch(`${api.url}${list(2)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe(
        'public, max-age=0, s-maxage=45, stale-while-revalidate=300',
      );
      expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(res.headers.get('vary')).toMatch(/authorization/i);
      expect((await res.json()) as unknown).toMatchObject({ result: { data: { items: expect.any(Array) } } });
    });

    it('answer a matching If-None-Match with 304 and no body, and a changed one with the body', async () => {
      const first = await fetch(`${api.url}${list(3)}`);
      const etag = first.headers.get('etag') ?? '';
      const again = await fetch(`${api.url}${list(3)}`);
      expect(again.headers.get('etag')).toBe(etag);

      const revalidated = await fetch(`${api.url}${list(3)}`, { headers: { 'if-none-match': etag } });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
      expect(revalidated.headers.get('etag')).toBe(etag);

      const stale = await fetch(`${api.url}${list(3)}`, { headers: { 'if-none-match': '"something-else"' } });
      expect(stale.status).toBe(200);
      expect(await stale.text()).not.toBe('');

      const otherInput = await fetch(`${api.url}${list(4)}`, { headers: { 'if-none-match': etag } });
      expect(otherInput.status).toBe(200);
      expect(otherInput.headers.get('etag')).not.toBe(etag);
    });

    it('never keep an answer streamed for a trpc-accept client, so later readers get plain JSON', async () => {
      const input = encodeURIComponent(JSON.stringify({ 0: { limit: 3 }, 1: { limit: 4 } }));
      const url = `${api.url}/article.list,tag.list?batch=1&input=${input}`;
      const streamed = await fetch(url, { headers: { 'trpc-accept': 'application/jsonl' } });
      expect(streamed.status).toBe(200);
      expect(streamed.headers.get('cache-control')).toBe('no-store');
      expect(await streamed.text()).not.toBe('');

      for (const reader of [1, 2]) {
        const plain = await fetch(url);
        expect(plain.status, `reader ${reader}`).toBe(200);
        const answers = (await plain.json()) as { result: { data: unknown } }[];
        expect(answers).toHaveLength(2);
      }
    });

    it('include batched GETs of queries', async () => {
      const input = encodeURIComponent(JSON.stringify({ 0: { limit: 1 }, 1: { limit: 2 } }));
      const res = await fetch(`${api.url}/article.list,article.list?batch=1&input=${input}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/^public, /);
      expect(res.headers.get('etag')).not.toBeNull();
    });
  });

  describe('answers nobody else may keep', () => {
    it('with a token: private, no-store, no ETag', async () => {
      const res = await fetch(`${api.url}${list(2)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('etag')).toBeNull();
    });

    it('errors of every kind: no-store', async () => {
      const paths = [
        '/article.bySlug?input=%7B%22slug%22%3A%22missing%22%7D',
        '/article.bySlug?input=%7B%7D',
        '/article.nothing',
        '/nowhere',
      ];
      for (const path of paths) {
        const res = await fetch(`${api.url}${path}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('etag')).toBeNull();
      }
      const badToken = await fetch(`${api.url}${list(1)}`, { headers: { authorization: 'Bearer nope' } });
      expect(badToken.status).toBe(401);
      expect(badToken.headers.get('cache-control')).toBe('no-store');
    });

    it('queries sent as POST and health checks: no-store', async () => {
      const post = await fetch(`${api.url}/article.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"limit":1}',
      });
      expect(post.status).toBe(200);
      expect(post.headers.get('cache-control')).toBe('no-store');
      for (const path of ['/healthz', '/readyz']) {
        expect((await fetch(`${api.url}${path}`)).headers.get('cache-control')).toBe('no-store');
      }
    });
  });
});

describe('the response cache', () => {
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

    const revalidated = await fetch(path, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
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
    // A change to one of its tags purges it; what it shows of the tag stays the same.
    const tag = (await store.articles.bySlug(sampleStorySlug))?.tags[0]?.slug ?? '';
    await store.tags.update(tag, { description: 'A description the article does not show' });
    await api?.app.cachePurge?.catchUp();
    const revalidated = await fetch(path, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);

    const fresh = await fetch(path);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await fresh.text()).toBe(body);
    expect(lookups).toBe(2);
  });

  it('says whether an answer was kept, and names the keys it is filed under for caches in front', async () => {
    const url = await start();
    const path = `${url}/article.bySlug?input=${encodeURIComponent(JSON.stringify(sample))}`;
    const article = await store.articles.bySlug(sampleStorySlug);
    const first = await fetch(path);
    const second = await fetch(path);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    const keys = first.headers.get('surrogate-key')?.split(' ') ?? [];
    expect(keys).toEqual(
      expect.arrayContaining([
        `article:${article?.id}`,
        `slug:${sampleStorySlug}`,
        ...(article?.tags ?? []).map((tag) => `label:tag:${tag.slug}`),
      ]),
    );
    expect(second.headers.get('surrogate-key')).toBe(keys.join(' '));
    expect(first.headers.get('cache-tag')).toBe(keys.join(','));
  });

  it('keeps an article while another story is published, and lets it go when it changes', async () => {
    const url = await start();
    const path = `${url}/article.bySlug?input=${encodeURIComponent(JSON.stringify(sample))}`;
    await fetch(path);
    const other = await store.articles.create({ headline: 'Another story', body: [] });
    await store.articles.setStatus(other.id, other.version, 'published');
    await api?.app.cachePurge?.catchUp();
    expect((await fetch(path)).headers.get('x-cache')).toBe('HIT');
    expect(lookups).toBe(1);
    const article = await store.articles.bySlug(sampleStorySlug);
    await store.articles.update({
      id: article?.id ?? '',
      version: article?.version ?? 0,
      headline: 'Changed',
    });
    await api?.app.cachePurge?.catchUp();
    const changed = await fetch(path);
    expect(changed.headers.get('x-cache')).toBe('MISS');
    expect(((await changed.json()) as { result: { data: { headline: string } } }).result.data.headline).toBe(
      'Changed',
    );
  });

  it('builds an answer wanted by many readers at once once, the others waiting for it', async () => {
    const url = await start();
    const path = `${url}/article.bySlug?input=${encodeURIComponent(JSON.stringify(sample))}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(path)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(await Promise.all(answers.map((answer) => answer.text()))).size).toBe(1);
    expect(lookups).toBe(1);
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
