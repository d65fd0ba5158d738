import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient } from './client.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

let store: Store;
let api: TestApi;
let slugs: string[];

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 40, seed: 4 });
  api = await startTestApi(store, { API_MAX_BATCH: 20 });
  slugs = (await store.articles.list({ limit: 40 })).items.map((a) => a.slug);
});
afterAll(async () => {
  await api.close();
  await store.close();
});

/** A fetch that records every URL the client asks for. */
function recordingFetch() {
  const requests: { method: string; url: string }[] = [];
  const recording: typeof fetch = (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input) });
    return fetch(input, init);
  };
  return { requests, fetch: recording };
}

describe('the batching client', () => {
  it('sends calls made together as one GET and hands each its own answer', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createNewsroomClient(api.url, { fetch });
    const [page, first, missing] = await Promise.all([
      client.article.list.query({ limit: 2 }),
      client.article.bySlug.query({ slug: slugs[0] ?? '' }),
      client.article.bySlug.query({ slug: 'missing' }).catch((error: unknown) => error),
    ]);
    expect(page.items).toHaveLength(2);
    expect(first.slug).toBe(slugs[0]);
    expect(missing).toBeInstanceOf(Error);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toContain('batch=1');
  });

  it('splits a long batch by URL length and by the batch limit; every call is answered', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createNewsroomClient(api.url, { fetch });
    const articles = await Promise.all(slugs.map((slug) => client.article.bySlug.query({ slug })));
    expect(articles.map((a) => a.slug)).toEqual(slugs);
    expect(requests.length).toBeGreaterThan(1);
    for (const { url } of requests) {
      expect(url.length).toBeLessThanOrEqual(4_000);
      const calls = new URL(url).pathname.slice(1).split(',').length;
      expect(calls).toBeLessThanOrEqual(20);
    }
  });
});

describe('the batch limit', () => {
  it('refuses a larger batch with a 400 that says the limit, one error per call', async () => {
    const paths = Array.from({ length: 21 }, () => 'article.list').join(',');
    const res = await fetch(`${api.url}/${paths}?batch=1&input=%7B%7D`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { code: string; path: string } } }[];
    expect(body).toHaveLength(21);
    expect(body[0]?.error.data.code).toBe('BAD_REQUEST');
    expect(body[0]?.error.data.path).toBe('article.list');
    expect(body[0]?.error.message).toBe('A batch may hold at most 20 calls (API_MAX_BATCH); this one has 21');
  });

  it('lets a batch of exactly the limit through', async () => {
    const paths = Array.from({ length: 20 }, () => 'article.list').join(',');
    const input = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, { limit: 1 }]));
    const res = await fetch(`${api.url}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(20);
  });
});
