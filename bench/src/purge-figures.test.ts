import { describe, expect, it } from 'vitest';
import {
  type CacheRound,
  hitRate,
  type ReadCounts,
  type ReceivedDelivery,
  summarizeCacheRounds,
  summarizeDeliveries,
} from './purge-figures.ts';

function reads(requestsPerSecond: number, hits: number, misses: number, other = 0): ReadCounts {
  return {
    requests: hits + misses + other,
    seconds: 20,
    requestsPerSecond,
    hits,
    misses,
    uncacheable: other,
    notOk: 0,
    errors: 0,
  };
}

function round(
  kind: 'A' | 'B',
  number: number,
  counts: ReadCounts,
  writes = 0,
  onWritten = 0,
  stale = 0,
): CacheRound {
  return {
    kind,
    round: number,
    reads: counts,
    writes,
    writeFailures: 0,
    missesOnWrittenArticles: onWritten,
    staleAnswers: stale,
  };
}

describe('hitRate', () => {
  it('is HIT over HIT and MISS, NaN when the cache spoke for nothing', () => {
    expect(hitRate({ hits: 99, misses: 1 })).toBeCloseTo(0.99, 10);
    expect(hitRate({ hits: 0, misses: 0 })).toBeNaN();
  });
});

describe('summarizeCacheRounds', () => {
  const rounds = [
    round('A', 1, reads(10_000, 990, 10)),
    round('B', 1, reads(9_000, 980, 20), 20, 5),
    round('A', 2, reads(12_000, 1_990, 10, 3)),
    round('B', 2, reads(6_000, 1_970, 30), 20, 7),
    round('A', 3, reads(11_000, 995, 5)),
    round('B', 3, reads(10_000, 990, 10), 19, 1, 2),
  ];

  it('takes the median reads/s of each kind and the median of the rounds’ B / A', () => {
    const summary = summarizeCacheRounds(rounds);
    expect(summary.readsPerSecondA).toBe(11_000);
    expect(summary.readsPerSecondB).toBe(9_000);
    // Rounds' ratios 0.9, 0.5 and 0.909…: the middle one, not 9,000 / 11,000.
    expect(summary.ratio).toBeCloseTo(0.9, 10);
  });

  it('pools the hit rate of each kind over its rounds and sums the writes and their misses', () => {
    const summary = summarizeCacheRounds(rounds);
    expect(summary.hitRateA).toBeCloseTo(3_975 / 4_000, 10);
    expect(summary.hitRateB).toBeCloseTo(3_940 / 4_000, 10);
    expect(summary.missesA).toBe(25);
    expect(summary.missesB).toBe(60);
    expect(summary.writes).toBe(59);
    expect(summary.missesOnWrittenArticles).toBe(13);
    expect(summary.staleAnswers).toBe(2);
    expect(summary.otherAnswers).toBe(3);
  });

  it('pairs B with the A of its own round only', () => {
    const summary = summarizeCacheRounds([
      round('A', 1, reads(10_000, 1, 0)),
      round('B', 2, reads(5_000, 1, 0)),
    ]);
    expect(summary.ratio).toBeNaN();
  });
});

describe('summarizeDeliveries', () => {
  const delivery = (
    at: number,
    webhookId: string,
    articleId: string | null,
    more = {},
  ): ReceivedDelivery => ({
    at,
    webhookId,
    type: 'article.updated',
    eventId: webhookId.replace('d', ''),
    articleId,
    signed: true,
    ...more,
  });

  it('times the deliveries from the first write, the pace from the first delivery, and the lag', () => {
    const summary = summarizeDeliveries({
      writes: 3,
      writtenArticleIds: ['a', 'b', 'c'],
      writesStartedAt: 1_000,
      writesEndedAt: 2_000,
      received: [delivery(1_500, 'd1', 'a'), delivery(2_500, 'd2', 'b'), delivery(3_000, 'd3', 'c')],
    });
    expect(summary).toMatchObject({
      events: 3,
      producedSeconds: 1,
      producedPerSecond: 3,
      delivered: 3,
      deliveredSeconds: 2,
      deliveriesPerSecond: 1.5,
      firstDeliveryAfterMs: 500,
      dispatchPerSecond: 2 / 1.5,
      lagAfterLastWriteMs: 1_000,
      lastDeliveryAt: 3_000,
      missing: 0,
      repeatedIds: 0,
      eventsUnderSeveralIds: 0,
      unexpected: 0,
      badSignatures: 0,
      received: 3,
    });
  });

  it('tells a repeated webhook-id from an event under two ids, and counts the missing and the unexpected', () => {
    const summary = summarizeDeliveries({
      writes: 4,
      writtenArticleIds: ['a', 'b', 'c'],
      writesStartedAt: 0,
      writesEndedAt: 100,
      received: [
        delivery(10, 'd1', 'a'),
        delivery(20, 'd1', 'a'),
        delivery(30, 'd2', 'b'),
        delivery(40, 'd3', 'b'),
        delivery(50, 'd4', 'z'),
        delivery(60, 'd5', 'a', { type: 'article.published' }),
        delivery(70, 'd6', null, { signed: false }),
      ],
    });
    expect(summary).toMatchObject({
      writes: 4,
      events: 3,
      delivered: 2,
      missing: 1,
      repeatedIds: 1,
      eventsUnderSeveralIds: 1,
      unexpected: 3,
      badSignatures: 1,
      received: 7,
      // The last delivery of an event made, not of anything else.
      lastDeliveryAt: 40,
    });
  });

  it('says nothing was delivered when nothing came', () => {
    const summary = summarizeDeliveries({
      writes: 1,
      writtenArticleIds: ['a'],
      writesStartedAt: 0,
      writesEndedAt: 10,
      received: [],
    });
    expect(summary.delivered).toBe(0);
    expect(summary.deliveriesPerSecond).toBe(0);
    expect(summary.missing).toBe(1);
    expect(summary.lastDeliveryAt).toBeNaN();
  });
});
