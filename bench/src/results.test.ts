import { describe, expect, it } from 'vitest';
import type { Comparison } from './measure.ts';
import { scaleOf, type TargetResult } from './results.ts';

function row(
  target: string,
  path: 'normal' | 'uncached',
  size: number,
  p50Ms: number,
  p99Ms: number,
): TargetResult {
  const comparison: Comparison = {
    rounds: [],
    requestsPerSecond: 1_000 / p50Ms,
    p50Ms,
    p99Ms,
    baselineRequestsPerSecond: 50_000,
    baselineP50Ms: 0.2,
    baselineP99Ms: 1,
    ratio: 0.1,
    non2xx: 0,
    socketErrors: 0,
  };
  return {
    ...comparison,
    target,
    service: 'api',
    path,
    size,
    url: '/',
    status: 200,
    contentType: null,
    bodyBytes: 1,
    error: null,
  };
}

describe('scaleOf', () => {
  it('compares each target and path at the largest size with the smallest, skipping the middle', () => {
    const scale = scaleOf([
      row('api article.list', 'normal', 1_000, 2, 10),
      row('api article.list', 'normal', 10_000, 3, 12),
      row('api article.list', 'normal', 100_000, 4, 15),
      row('api article.list', 'uncached', 1_000, 10, 40),
      row('api article.list', 'uncached', 100_000, 11, 60),
    ]);
    expect(scale).toEqual([
      {
        target: 'api article.list',
        path: 'normal',
        fromSize: 1_000,
        toSize: 100_000,
        p50Growth: 2,
        p99Growth: 1.5,
        requestsPerSecondGrowth: 0.5,
      },
      expect.objectContaining({ path: 'uncached', p50Growth: 1.1, p99Growth: 1.5 }),
    ]);
  });

  it('has nothing to say about a single size', () => {
    expect(scaleOf([row('api article.list', 'normal', 1_000, 2, 10)])).toEqual([]);
  });
});
