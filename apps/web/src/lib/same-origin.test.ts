import { describe, expect, it } from 'vitest';
import { isSameOriginPost } from './same-origin';

const site = 'https://news.example';
const check = (headers: Record<string, string>, reached = 'http://127.0.0.1:4321/articles/a') =>
  isSameOriginPost(new Request(reached, { method: 'POST', headers }), new URL(reached), site);

describe('isSameOriginPost', () => {
  it('accepts the Origin the request reached, or SITE_URL’s behind a proxy', () => {
    expect(check({ origin: 'http://127.0.0.1:4321' })).toBe(true);
    expect(check({ origin: 'https://news.example' })).toBe(true);
  });

  it('refuses another site, a null Origin, and a request with neither Origin nor Referer', () => {
    expect(check({ origin: 'https://evil.example' })).toBe(false);
    expect(check({ origin: 'https://news.example.evil.example' })).toBe(false);
    expect(check({ origin: 'null' })).toBe(false);
    expect(check({})).toBe(false);
  });

  it('without Origin, goes by the Referer', () => {
    expect(check({ referer: 'https://news.example/articles/a' })).toBe(true);
    expect(check({ referer: 'https://evil.example/' })).toBe(false);
    expect(check({ referer: 'not a url' })).toBe(false);
  });
});
