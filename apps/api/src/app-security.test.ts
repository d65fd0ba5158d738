import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

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

describe('security headers', () => {
  it('come with answers and errors alike, with a CSP that lets a JSON answer load nothing', async () => {
    for (const path of [list, '/article.bySlug?input=%7B%7D', '/healthz', '/nowhere']) {
      const res = await fetch(`${api.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

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
