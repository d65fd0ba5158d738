import { describe, expect, it } from 'vitest';
import { type CachedResponse, ResponseCache } from './response-cache.js';

const answer = (body: string): CachedResponse => ({
  body: Buffer.from(body),
  etag: '"e"',
  headers: ['content-type', 'application/json'],
  notModifiedHeaders: [],
});

describe('the response cache', () => {
  it('gives back what it kept, until its time is up', () => {
    let now = 0;
    const cache = new ResponseCache({ maxBytes: 10_000, ttlMs: 1_000, now: () => now });
    cache.set('/a', answer('A'), cache.generation);
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
    for (const key of ['/1', '/2', '/3', '/4', '/5', '/6', '/7', '/8']) cache.set(key, answer(body), 0);
    expect(cache.size).toBeLessThanOrEqual(800);
    // /1 is read, so /2 becomes the oldest.
    cache.get('/1');
    cache.set('/9', answer(body), 0);
    expect(cache.get('/1')).toBeDefined();
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/9')).toBeDefined();
    expect(cache.size).toBeLessThanOrEqual(800);
  });

  it('does not keep an answer too big for it, nor one read before the last clear', () => {
    const cache = new ResponseCache({ maxBytes: 800, ttlMs: 60_000 });
    cache.set('/big', answer('x'.repeat(200)), cache.generation);
    expect(cache.get('/big')).toBeUndefined();

    const readStarted = cache.generation;
    cache.clear();
    cache.set('/stale', answer('old'), readStarted);
    expect(cache.get('/stale')).toBeUndefined();
    cache.set('/fresh', answer('new'), cache.generation);
    expect(cache.get('/fresh')?.body.toString()).toBe('new');
  });

  it('forgets everything when cleared, and counts the same key once', () => {
    const cache = new ResponseCache({ maxBytes: 10_000, ttlMs: 60_000 });
    cache.set('/a', answer('one'), 0);
    cache.set('/a', answer('two'), 0);
    expect(cache.get('/a')?.body.toString()).toBe('two');
    expect(cache.size).toBe('/a'.length + 'two'.length + '"e"'.length);
    cache.clear();
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
