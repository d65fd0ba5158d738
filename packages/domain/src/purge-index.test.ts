import { describe, expect, it } from 'vitest';
import { PurgeIndex } from './purge-index.js';

describe('PurgeIndex', () => {
  it('gives back the answers holding any purged key, and only those', () => {
    const index = new PurgeIndex();
    index.add('/a', ['article:1', 'front']);
    index.add('/b', ['article:2']);
    index.add('/c', ['tag:x']);
    expect(index.purge(['article:1', 'tag:x']).sort()).toEqual(['/a', '/c']);
    expect(index.purge(['front'])).toEqual([]);
    expect(index.purge(['article:2'])).toEqual(['/b']);
  });

  it('refuses an answer built while one of its keys was purged, and takes one built after', () => {
    const index = new PurgeIndex();
    const before = index.sequence;
    index.purge(['article:1']);
    expect(index.mayKeep(['article:1', 'front'], before)).toBe(false);
    expect(index.mayKeep(['article:2'], before)).toBe(true);
    expect(index.mayKeep(['article:1'], index.sequence)).toBe(true);
  });

  it('refuses every build in flight after a clear, and after forgetting what it purged', () => {
    const index = new PurgeIndex(2);
    index.add('/a', ['front']);
    const before = index.sequence;
    index.clear();
    expect(index.purge(['front'])).toEqual([]);
    expect(index.mayKeep(['other'], before)).toBe(false);
    const started = index.sequence;
    index.purge(['k1', 'k2', 'k3']);
    expect(index.mayKeep(['unrelated'], started)).toBe(false);
    expect(index.mayKeep(['unrelated'], index.sequence)).toBe(true);
  });

  it('moves an answer filed again to its new keys', () => {
    const index = new PurgeIndex();
    index.add('/a', ['old']);
    index.add('/a', ['new']);
    expect(index.purge(['old'])).toEqual([]);
    expect(index.purge(['new'])).toEqual(['/a']);
  });
});
