import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

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
