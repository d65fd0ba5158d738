import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchHits, publicCacheControl } from './http-cache.js';

describe('etagOf', () => {
  it('is a quoted strong tag that depends only on the bytes', () => {
    const tag = etagOf('{"result":{"data":1}}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(etagOf('{"result":{"data":1}}')).toBe(tag);
    expect(etagOf(Buffer.from('{"result":{"data":1}}'))).toBe(tag);
    expect(etagOf('{"result":{"data":2}}')).not.toBe(tag);
  });
});

describe('ifNoneMatchHits', () => {
  const tag = etagOf('body');

  it('hits on the same tag, alone or in a list, weak or strong', () => {
    expect(ifNoneMatchHits(tag, tag)).toBe(true);
    expect(ifNoneMatchHits(`"other", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits(`W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits(['"other"', tag], tag)).toBe(true);
    expect(ifNoneMatchHits('*', tag)).toBe(true);
  });

  it('misses on another tag, a bare value or no header', () => {
    expect(ifNoneMatchHits(etagOf('other body'), tag)).toBe(false);
    expect(ifNoneMatchHits(tag.slice(1, -1), tag)).toBe(false);
    expect(ifNoneMatchHits('', tag)).toBe(false);
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
  });
});

describe('publicCacheControl', () => {
  it('lets shared caches keep a read for s-maxage and browsers revalidate', () => {
    expect(publicCacheControl(30)).toBe('public, max-age=0, s-maxage=30, stale-while-revalidate=300');
  });
});
