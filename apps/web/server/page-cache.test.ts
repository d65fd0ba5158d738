import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';
import { representationOf } from './representation.ts';

const page = (text: string) => representationOf(200, { 'content-type': 'text/html' }, Buffer.from(text));

describe('the page cache', () => {
  it('finds a page fresh, then stale, then not at all as it ages', () => {
    let now = 0;
    const cache = new PageCache({ maxBytes: 100_000, freshMs: 10, staleMs: 100, now: () => now });
    cache.set('/a', page('A'), cache.sequence, ['front']);
    expect(cache.lookup('/a').state).toBe('fresh');
    now = 10;
    expect(cache.lookup('/a')).toMatchObject({ state: 'stale', page: { body: Buffer.from('A') } });
    now = 110;
    expect(cache.lookup('/a').state).toBe('missing');
    expect(cache.size).toBe(0);
  });

  it('keeps within its size, letting the least recently used go', () => {
    const cache = new PageCache({ maxBytes: 2_000, freshMs: 1_000, staleMs: 0 });
    for (const key of ['/1', '/2', '/3', '/4']) cache.set(key, page('x'.repeat(120)), 0, []);
    cache.lookup('/1');
    for (const key of ['/5', '/6', '/7', '/8', '/9']) cache.set(key, page('x'.repeat(120)), 0, []);
    expect(cache.size).toBeLessThanOrEqual(2_000);
    expect(cache.lookup('/1').state).toBe('fresh');
    expect(cache.lookup('/2').state).toBe('missing');
    expect(cache.lookup('/9').state).toBe('fresh');
  });

  it('forgets everything when cleared, and refuses a page rendered before the clear', () => {
    const cache = new PageCache({ maxBytes: 100_000, freshMs: 1_000, staleMs: 0 });
    cache.set('/a', page('A'), cache.sequence, ['front']);
    const renderStarted = cache.sequence;
    cache.clear();
    expect(cache.lookup('/a').state).toBe('missing');
    cache.set('/a', page('old'), renderStarted, ['front']);
    expect(cache.lookup('/a').state).toBe('missing');
    cache.set('/a', page('new'), cache.sequence, ['front']);
    expect(cache.lookup('/a').state).toBe('fresh');
  });

  it('does not keep a page too big for it', () => {
    const cache = new PageCache({ maxBytes: 1_000, freshMs: 1_000, staleMs: 0 });
    cache.set('/big', page('x'.repeat(200)), cache.sequence, ['front']);
    expect(cache.lookup('/big').state).toBe('missing');
  });

  it('drops only the pages holding a purged key, and refuses one rendered while its key was purged', () => {
    const cache = new PageCache({ maxBytes: 100_000, freshMs: 1_000, staleMs: 0 });
    cache.set('/articles/a', page('A'), cache.sequence, ['article:a', 'navigation']);
    cache.set('/articles/b', page('B'), cache.sequence, ['article:b', 'navigation']);
    const renderStarted = cache.sequence;
    expect(cache.purge(['article:a'])).toBe(1);
    expect(cache.lookup('/articles/a').state).toBe('missing');
    expect(cache.lookup('/articles/b').state).toBe('fresh');
    cache.set('/articles/a', page('old A'), renderStarted, ['article:a', 'navigation']);
    expect(cache.lookup('/articles/a').state).toBe('missing');
    expect(cache.purge(['navigation'])).toBe(1);
  });
});
