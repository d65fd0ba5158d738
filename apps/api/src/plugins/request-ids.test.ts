import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWithOwnStore, startApiWithOwnStore } from '../testing/api-with-own-store.js';

let api: ApiWithOwnStore;
beforeAll(async () => {
  api = await startApiWithOwnStore({ articles: 3 });
});
afterAll(() => api.close());

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
