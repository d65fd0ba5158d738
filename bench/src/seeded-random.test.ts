import { describe, expect, it } from 'vitest';
import { indexBelow, randomFrom, sampleOf, shuffled } from './seeded-random.ts';

describe('randomFrom', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    const take = (seed: number) => {
      const random = randomFrom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = randomFrom(7);
    const values = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)] = (buckets[Math.floor(value * 10)] ?? 0) + 1;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('indexBelow', () => {
  it('is a whole number under its bound, even when the source gives its largest value', () => {
    expect(indexBelow(3, () => 0.999_999_999_9)).toBe(2);
    expect(indexBelow(3, () => 0)).toBe(0);
  });
});

describe('shuffled and sampleOf', () => {
  it('keeps every item once, in an order that depends on the seed, and leaves the input alone', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = shuffled(items, randomFrom(1));
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
    expect(shuffled(items, randomFrom(1))).toEqual(once);
    expect(items[0]).toBe(0);
  });

  it('samples different items, at most as many as there are', () => {
    const sample = sampleOf(['a', 'b', 'c', 'd'], 3, randomFrom(3));
    expect(new Set(sample).size).toBe(3);
    expect(sampleOf(['a', 'b'], 5, randomFrom(3))).toHaveLength(2);
    expect(sampleOf(['a', 'b'], 0, randomFrom(3))).toEqual([]);
  });
});
