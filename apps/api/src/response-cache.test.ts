import { describe, expect, it } from 'vitest';
import { type CachedResponse, ResponseCache } from './response-cache.js';

const answer = (body: string): CachedResponse => ({
  body: Buffer.from(body),
  etag: '"e"',
  headers: ['content-type', 'application/json'],
  notModifiedHeaders: [],
  route: 'article.list',
});

describe('the response cache', () => {
  it('gives back what it kept, until its time is up', () => {
    let now = 0;
    const cache = new ResponseCache({ maxBytes: 10_000, ttlMs: 1_000, now: () => now });
    cache.set('/a', answer('A'), cache.sequence, ['front']);
    expect(cache.get('/a')?.body.toString()).toBe('A');
    expect(cache.get('/b')).toBeUndefined();
    now = 999;
    expect(cache.get('/a')?.body.toString()).toBe('A');
    now = 1_000;
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps within its size by letting the least recently used go', () => {
    const cache = new ResponseCache({ maxBytes: 800, ttlMs: 60_000 });
    const body = 'x'.repeat(95);
    for (const key of ['/1', '/2', '/3', '/4', '/5', '/6', '/7', '/8']) cache.set(key, answer(body), 0, []);
    expect(cache.size).toBeLessThanOrEqual(800);
    // /1 is read, so /2 becomes the oldest.
    cache.get('/1');
    cache.set('/9', answer(body), 0, []);
    expect(cache.get('/1')).toBeDefined();
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/9')).toBeDefined();
    expect(cache.size).toBeLessThanOrEqual(800);
  });

  it('does not keep an answer too big for it, nor one read while one of its keys was purged', () => {
    const cache = new ResponseCache({ maxBytes: 800, ttlMs: 60_000 });
    cache.set('/big', answer('x'.repeat(200)), cache.sequence, ['front']);
    expect(cache.get('/big')).toBeUndefined();

    const readStarted = cache.sequence;
    cache.purge(['article:1']);
    cache.set('/stale', answer('old'), readStarted, ['article:1']);
    expect(cache.get('/stale')).toBeUndefined();
    cache.set('/unrelated', answer('kept'), readStarted, ['article:2']);
    expect(cache.get('/unrelated')?.body.toString()).toBe('kept');
    cache.set('/fresh', answer('new'), cache.sequence, ['article:1']);
    expect(cache.get('/fresh')?.body.toString()).toBe('new');
  });

  it('drops only the answers holding a purged key', () => {
    const cache = new ResponseCache({ maxBytes: 10_000, ttlMs: 60_000 });
    cache.set('/article/1', answer('one'), 0, ['article:1', 'label:tag:x']);
    cache.set('/article/2', answer('two'), 0, ['article:2']);
    cache.set('/front', answer('front'), 0, ['front']);
    expect(cache.purge(['article:1', 'front'])).toBe(2);
    expect(cache.get('/article/1')).toBeUndefined();
    expect(cache.get('/front')).toBeUndefined();
    expect(cache.get('/article/2')?.body.toString()).toBe('two');
    expect(cache.size).toBe('/article/2'.length + 'two'.length + '"e"'.length + 2 * 'article:2'.length);
  });

  it('forgets everything when cleared, and counts the same key once', () => {
    const cache = new ResponseCache({ maxBytes: 10_000, ttlMs: 60_000 });
    cache.set('/a', answer('one'), 0, ['front']);
    cache.set('/a', answer('two'), 0, ['front']);
    expect(cache.get('/a')?.body.toString()).toBe('two');
    expect(cache.size).toBe('/a'.length + 'two'.length + '"e"'.length + 2 * 'front'.length);
    cache.clear();
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
