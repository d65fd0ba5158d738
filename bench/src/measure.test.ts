import { describe, expect, it } from 'vitest';
import type { LoadGenerator } from './load-generator.ts';
import type { LoadResult } from './load-result.ts';
import { compareWithBaseline, summarize } from './measure.ts';

function result(requestsPerSecond: number, extra: Partial<LoadResult> = {}): LoadResult {
  return {
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    requests: requestsPerSecond,
    non2xx: 0,
    socketErrors: 0,
    ...extra,
  };
}

describe('summarize', () => {
  it('takes the median of the per-round ratios, not the ratio of the medians', () => {
    const summary = summarize([
      { newsroom: result(100), baseline: result(1_000), ratio: 0.1 },
      { newsroom: result(300), baseline: result(1_000), ratio: 0.3 },
      { newsroom: result(200), baseline: result(400), ratio: 0.5 },
    ]);
    expect(summary.ratio).toBe(0.3);
    expect(summary.requestsPerSecond).toBe(200);
    expect(summary.baselineRequestsPerSecond).toBe(1_000);
  });

  it('adds up the failed answers of every round', () => {
    const summary = summarize([
      { newsroom: result(1, { non2xx: 3, socketErrors: 1 }), baseline: result(2), ratio: 0.5 },
      { newsroom: result(1, { non2xx: 4 }), baseline: result(2), ratio: 0.5 },
    ]);
    expect(summary).toMatchObject({ non2xx: 7, socketErrors: 1 });
  });
});

describe('compareWithBaseline', () => {
  it('warms Newsroom up, then alternates Newsroom and baseline runs', async () => {
    const calls: string[] = [];
    const generator: LoadGenerator = {
      name: 'wrk',
      version: 'test',
      caveat: null,
      run: async (url, seconds) => {
        calls.push(`${url} ${seconds}s`);
        return result(url === 'newsroom' ? 50 : 100);
      },
    };
    const plan = { rounds: 2, seconds: 5, warmupSeconds: 1, connections: 10 };
    const comparison = await compareWithBaseline(generator, 'newsroom', 'baseline', plan);
    expect(calls).toEqual(['newsroom 1s', 'newsroom 5s', 'baseline 5s', 'newsroom 5s', 'baseline 5s']);
    expect(comparison.ratio).toBe(0.5);
  });
});
