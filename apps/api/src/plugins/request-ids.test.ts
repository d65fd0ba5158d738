import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let store: Store;
let api: TestApi;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  api = await startTestApi(store);
});
afterAll(async () => {
  await api.close();
  await store.close();
});

const list = `/article.list?input=${encodeURIComponent('{"limit":1}')}`;

describe('request ids', () => {
  it('echoes a sane x-request-id from the caller', async () => {
    const res = await fetch(`${api.url}${list}`, { headers: { 'x-request-id': 'edge-7f3a.42' } });
    expect(res.headers.get('x-request-id')).toBe('edge-7f3a.42');
  });

  it('replaces an unusable one, and gives every request its own', async () => {
    const odd = await fetch(`${api.url}${list}`, { headers: { 'x-request-id': 'two words\u00e9' } });
    const long = await fetch(`${api.url}${list}`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    const none = await fetch(`${api.url}/healthz`);
    const ids = [odd, long, none].map((res) => res.headers.get('x-request-id') ?? '');
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('is on errors too', async () => {
    const res = await fetch(`${api.url}/article.bySlug?input=%7B%7D`, {
      headers: { 'x-request-id': 'req-400' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('req-400');
  });
});
