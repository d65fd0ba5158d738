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
