import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let store: Store;
let api: TestApi;
let corsApi: TestApi;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  api = await startTestApi(store);
  corsApi = await startTestApi(store, {
    API_CORS_ORIGINS: ['https://news.example', 'http://localhost:4321'],
  });
});
afterAll(async () => {
  await api.close();
  await corsApi.close();
  await store.close();
});

const list = `/article.list?input=${encodeURIComponent('{"limit":1}')}`;

describe('CORS', () => {
  it('lets no other origin in when none is configured', async () => {
    const res = await fetch(`${api.url}${list}`, { headers: { origin: 'https://news.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a configured origin, for reads and for a write’s preflight', async () => {
    const res = await fetch(`${corsApi.url}${list}`, { headers: { origin: 'https://news.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(res.headers.get('vary')).toMatch(/origin/i);

    const preflight = await fetch(`${corsApi.url}/comment.create`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4321',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('refuses an origin that is not configured', async () => {
    const res = await fetch(`${corsApi.url}${list}`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${corsApi.url}/comment.create`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
