import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWithOwnStore, startApiWithOwnStore } from '../testing/api-with-own-store.js';

let api: ApiWithOwnStore;
beforeAll(async () => {
  api = await startApiWithOwnStore({ articles: 3 });
});
afterAll(() => api.close());

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
