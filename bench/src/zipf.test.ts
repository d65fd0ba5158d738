import { describe, expect, it } from 'vitest';
import { randomFrom } from './seeded-random.ts';
import { zipfSampler } from './zipf.ts';

function counts(count: number, exponent: number, draws: number): number[] {
  const sampler = zipfSampler(count, exponent, randomFrom(1));
  const seen = new Array<number>(count).fill(0);
  for (let i = 0; i < draws; i++) {
    const rank = sampler.next();
    seen[rank] = (seen[rank] ?? 0) + 1;
  }
  return seen;
}

describe('zipfSampler', () => {
  it('draws ranks in range only, the first most often', () => {
    const seen = counts(100, 1, 50_000);
    expect(seen).toHaveLength(100);
    expect(Math.max(...seen)).toBe(seen[0]);
    expect(seen.reduce((sum, n) => sum + n, 0)).toBe(50_000);
  });

  it('makes rank r about (r + 1)^exponent times rarer than the first', () => {
    const seen = counts(1_000, 1, 200_000);
    const first = seen[0] as number;
    expect(first / (seen[1] as number)).toBeCloseTo(2, 0);
    expect(first / (seen[9] as number)).toBeGreaterThan(8);
    expect(first / (seen[9] as number)).toBeLessThan(12);
  });

  it('follows its own probabilities', () => {
    const sampler = zipfSampler(1_000, 1.1, randomFrom(2));
    const draws = 200_000;
    let top10 = 0;
    for (let i = 0; i < draws; i++) if (sampler.next() < 10) top10++;
    expect(top10 / draws).toBeCloseTo(sampler.shareOfTop(10), 2);
    // 1/H(1000, 1.1), H being the generalized harmonic number.
    let harmonic = 0;
    for (let k = 1; k <= 1_000; k++) harmonic += k ** -1.1;
    expect(sampler.probability(0)).toBeCloseTo(1 / harmonic, 10);
    expect(sampler.probability(1_000)).toBe(0);
    expect(sampler.shareOfTop(1_000)).toBeCloseTo(1, 12);
    expect(sampler.shareOfTop(5_000)).toBeCloseTo(1, 12);
    expect(sampler.shareOfTop(0)).toBe(0);
  });

  it('is uniform with exponent 0, and the same for the same seed', () => {
    const seen = counts(10, 0, 100_000);
    for (const n of seen) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    expect(counts(50, 1, 1_000)).toEqual(counts(50, 1, 1_000));
  });

  it('refuses no ranks and a negative exponent', () => {
    expect(() => zipfSampler(0, 1, Math.random)).toThrow(RangeError);
    expect(() => zipfSampler(10, -1, Math.random)).toThrow(RangeError);
    expect(() => zipfSampler(10, Number.NaN, Math.random)).toThrow(RangeError);
  });
});
