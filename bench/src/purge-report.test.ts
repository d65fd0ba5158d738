import { describe, expect, it } from 'vitest';
import { parsePurgeLoadArgs } from './purge-args.ts';
import {
  type CacheRound,
  type PurgeLoadResults,
  summarizeCacheRounds,
  summarizeDeliveries,
} from './purge-figures.ts';
import { percentPrecise, renderPurgeReport } from './purge-report.ts';

const reads = (requestsPerSecond: number, hits: number, misses: number) => ({
  requests: hits + misses,
  seconds: 20,
  requestsPerSecond,
  hits,
  misses,
  uncacheable: 0,
  notOk: 0,
  errors: 0,
});

function results(overrides: { hitsB?: number; missing?: boolean; stale?: number } = {}): PurgeLoadResults {
  const rounds: CacheRound[] = [
    {
      kind: 'A',
      round: 1,
      reads: reads(10_000, 199_990, 10),
      writes: 0,
      writeFailures: 0,
      missesOnWrittenArticles: 0,
      staleAnswers: 0,
    },
    {
      kind: 'B',
      round: 1,
      reads: reads(9_500, overrides.hitsB ?? 189_980, 20),
      writes: 20,
      writeFailures: 0,
      missesOnWrittenArticles: 4,
      staleAnswers: overrides.stale ?? 0,
    },
  ];
  const received = Array.from({ length: overrides.missing ? 2 : 3 }, (_, i) => ({
    at: 1_000 + i,
    webhookId: `d${i}`,
    type: 'article.updated',
    eventId: String(i + 1),
    articleId: `a${i}`,
    signed: true,
  }));
  const deliveries = summarizeDeliveries({
    writes: 3,
    writtenArticleIds: ['a0', 'a1', 'a2'],
    writesStartedAt: 0,
    writesEndedAt: 500,
    received,
  });
  return {
    startedAt: '2026-12-06T04:40:00.000Z',
    finishedAt: '2026-12-06T04:44:00.000Z',
    commit: 'abc1234',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryBytes: 8 * 1_073_741_824,
      os: 'Linux',
      nodeVersion: 'v24.0.0',
      loadAverage: [1, 1, 1],
    },
    options: { ...parsePurgeLoadArgs([]) },
    dataset: { size: 100_000, articles: 100_003, published: 100_003, seededSeconds: null },
    outboxCatchUpSeconds: 0.2,
    cache: {
      zipf: { exponent: 1, top1PercentShare: 0.62, top10PercentShare: 0.81 },
      warmup: null,
      rounds,
      summary: summarizeCacheRounds(rounds),
    },
    delivery: { ...deliveries, writtenThrough: 'store', writers: 1, webhookSends: 8 },
    backlog: { ...deliveries, startSeconds: 1, fromStartSeconds: 2, fromStartPerSecond: 1.5 },
    targets: { ratio: 0.8, hitRate: 0.99, deliveriesPerSecond: 1_000 },
  };
}

describe('renderPurgeReport', () => {
  it('shows every round, the figures against their targets and where the JSON went', () => {
    const text = renderPurgeReport(results(), 'bench-results/purge-load-latest.json');
    expect(text).toContain('full run, 2026-12-06 04:40 UTC, commit abc1234');
    expect(text).toMatch(/^A1\s+10,000\s+199,990\s+10\s+99\.99 %$/m);
    expect(text).toMatch(/^B1 \(20 writes\)\s+9,500\s+189,980\s+20\s+99\.98 %$/m);
    expect(text).toMatch(/^B \/ A \(median of rounds\)\s+0\.95\s+≥ 0\.8\s+met$/m);
    expect(text).toMatch(/^hit rate during B\s+99\.98 %\s+≥ 99 %\s+met$/m);
    expect(text).toMatch(/^B misses on articles written\s+4 of 20\s+20 writes$/m);
    expect(text).toMatch(/^stale bySlug answers after B’s writes\s+0 of 20\s+0\s+met$/m);
    expect(text).toMatch(/^delivered exactly once\s+3 of 3\s+all\s+met$/m);
    expect(text).toMatch(/^events made \(Store, own process\)\s+3 in 0\.50 s\s+6\/s$/m);
    expect(text).toContain('written to bench-results/purge-load-latest.json');
  });

  it('says NOT MET where a figure misses its target, and which events never came', () => {
    // 3 deliveries a second, far under 1,000.
    const text = renderPurgeReport(results({ hitsB: 1_000, missing: true, stale: 1 }), 'x.json');
    expect(text).toMatch(/^stale bySlug answers after B’s writes\s+1 of 20\s+0\s+NOT MET$/m);
    expect(text).toMatch(/^hit rate during B\s+98\.03 %\s+≥ 99 %\s+NOT MET$/m);
    expect(text).toMatch(/^deliveries\/s, first write to last delivery\s+[\d,]+\s+≥ 1,000\s+NOT MET$/m);
    expect(text).toMatch(/^delivered exactly once\s+2 of 3\s+all\s+NOT MET$/m);
    expect(text).toContain('1 events never arrived');
  });
});

describe('percentPrecise', () => {
  it('keeps two decimals, so 99.99 % and 99.0 % differ', () => {
    expect(percentPrecise(0.9999)).toBe('99.99 %');
    expect(percentPrecise(199_990 / 200_000)).toBe('99.99 %');
    expect(percentPrecise(1)).toBe('100.00 %');
    expect(percentPrecise(Number.NaN)).toBe('–');
  });
});
