import type { PurgeLoadOptions } from './purge-args.ts';
import type { Machine } from './results.ts';
import { median } from './stats.ts';

/** A read load's counts, as kept in the JSON (read-load.ts's ReadTally without its per-path map). */
export interface ReadCounts {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  hits: number;
  misses: number;
  uncacheable: number;
  notOk: number;
  errors: number;
}

/** One run of reads: A alone, or B with writes beside it. */
export interface CacheRound {
  kind: 'A' | 'B';
  /** 1, 2, …: A and B of the same number ran one after the other. */
  round: number;
  reads: ReadCounts;
  /** article.update calls that succeeded during the run (0 for A). */
  writes: number;
  writeFailures: number;
  /** MISS answers for articles written during this run: at most what the writes cost. */
  missesOnWrittenArticles: number;
  /** Articles written whose article.bySlug, asked after the run, showed an older headline (0 for A). */
  staleAnswers: number;
}

export interface CacheSummary {
  /** Medians over the rounds. */
  readsPerSecondA: number;
  readsPerSecondB: number;
  /** The median of each round's B / A (not the ratio of the medians). */
  ratio: number;
  /** HIT / (HIT + MISS) over every round of the kind. */
  hitRateA: number;
  hitRateB: number;
  missesA: number;
  missesB: number;
  writes: number;
  writeFailures: number;
  missesOnWrittenArticles: number;
  staleAnswers: number;
  /** Answers neither HIT nor MISS (not 200, no X-Cache) and requests without an answer, over all rounds. */
  otherAnswers: number;
}

/** HIT over every answer the cache spoke for; NaN when it spoke for none. */
export function hitRate(counts: Pick<ReadCounts, 'hits' | 'misses'>): number {
  const cacheable = counts.hits + counts.misses;
  return cacheable > 0 ? counts.hits / cacheable : Number.NaN;
}

export function summarizeCacheRounds(rounds: readonly CacheRound[]): CacheSummary {
  const of = (kind: CacheRound['kind']) => rounds.filter((round) => round.kind === kind);
  const a = of('A');
  const b = of('B');
  const sum = (list: readonly CacheRound[], pick: (round: CacheRound) => number) =>
    list.reduce((total, round) => total + pick(round), 0);
  const pooled = (list: readonly CacheRound[]) =>
    hitRate({ hits: sum(list, (r) => r.reads.hits), misses: sum(list, (r) => r.reads.misses) });
  const ratios = b.flatMap((roundB) => {
    const roundA = a.find((candidate) => candidate.round === roundB.round);
    return roundA ? [roundB.reads.requestsPerSecond / roundA.reads.requestsPerSecond] : [];
  });
  return {
    readsPerSecondA: median(a.map((round) => round.reads.requestsPerSecond)),
    readsPerSecondB: median(b.map((round) => round.reads.requestsPerSecond)),
    ratio: median(ratios),
    hitRateA: pooled(a),
    hitRateB: pooled(b),
    missesA: sum(a, (r) => r.reads.misses),
    missesB: sum(b, (r) => r.reads.misses),
    writes: sum(b, (r) => r.writes),
    writeFailures: sum(rounds, (r) => r.writeFailures),
    missesOnWrittenArticles: sum(b, (r) => r.missesOnWrittenArticles),
    staleAnswers: sum(b, (r) => r.staleAnswers),
    otherAnswers: sum(rounds, (r) => r.reads.uncacheable + r.reads.notOk + r.reads.errors),
  };
}

/** One POST the webhook receiver took. */
export interface ReceivedDelivery {
  /** When it arrived (wallClockMs). */
  at: number;
  /** The webhook-id header: the delivery's, the same on every retry. */
  webhookId: string;
  /** From the body: the event's type and id, and the article it is about. */
  type: string | null;
  eventId: string | null;
  articleId: string | null;
  signed: boolean;
}

export interface DeliverySummary {
  /** article.update calls made, and how many succeeded (each records one article.updated event). */
  writes: number;
  events: number;
  /** From the first write sent to the last one answered. */
  producedSeconds: number;
  producedPerSecond: number;
  /** Deliveries of the events made, each counted once, and from the first write sent to the last of them received. */
  delivered: number;
  deliveredSeconds: number;
  deliveriesPerSecond: number;
  /** From the first write sent to the first delivery received: how soon the dispatcher heard. */
  firstDeliveryAfterMs: number;
  /** Deliveries a second from the first delivery received to the last: the dispatcher's own pace. */
  dispatchPerSecond: number;
  /** From the last write answered to the last delivery received. */
  lagAfterLastWriteMs: number;
  /** When the last of them arrived (wallClockMs); NaN when none did. */
  lastDeliveryAt: number;
  /** Events made that never arrived. */
  missing: number;
  /** POSTs whose webhook-id had come before (a retry of a delivery that had arrived). */
  repeatedIds: number;
  /** Events that arrived under more than one webhook-id (planned twice). */
  eventsUnderSeveralIds: number;
  /** Deliveries about anything but the events made. */
  unexpected: number;
  badSignatures: number;
  received: number;
}

/**
 * What the receiver's log says of the events made: which arrived once, which not at all or
 * more than once, and how fast, from the first write sent (the first event can be written no
 * sooner) to the last of them received.
 */
export function summarizeDeliveries(input: {
  writes: number;
  /** The articles written successfully, one article.updated event each. */
  writtenArticleIds: readonly string[];
  /** When the first write was sent and the last one done, on the deliveries' clock (wallClockMs). */
  writesStartedAt: number;
  writesEndedAt: number;
  received: readonly ReceivedDelivery[];
}): DeliverySummary {
  const expected = new Set(input.writtenArticleIds);
  const seenIds = new Set<string>();
  const idsByArticle = new Map<string, Set<string>>();
  let repeatedIds = 0;
  let unexpected = 0;
  let firstAt = Number.NaN;
  let lastAt = Number.NaN;
  for (const delivery of input.received) {
    if (seenIds.has(delivery.webhookId)) {
      repeatedIds++;
      continue;
    }
    seenIds.add(delivery.webhookId);
    const articleId = delivery.articleId;
    if (delivery.type !== 'article.updated' || articleId === null || !expected.has(articleId)) {
      unexpected++;
      continue;
    }
    const ids = idsByArticle.get(articleId) ?? new Set<string>();
    ids.add(delivery.webhookId);
    idsByArticle.set(articleId, ids);
    if (!(delivery.at >= firstAt)) firstAt = delivery.at;
    if (!(delivery.at <= lastAt)) lastAt = delivery.at;
  }
  const events = expected.size;
  const delivered = idsByArticle.size;
  const producedSeconds = (input.writesEndedAt - input.writesStartedAt) / 1_000;
  const deliveredSeconds = (lastAt - input.writesStartedAt) / 1_000;
  return {
    writes: input.writes,
    events,
    producedSeconds,
    producedPerSecond: events / producedSeconds,
    delivered,
    deliveredSeconds,
    deliveriesPerSecond: delivered > 0 ? delivered / deliveredSeconds : 0,
    firstDeliveryAfterMs: firstAt - input.writesStartedAt,
    dispatchPerSecond: delivered > 1 ? (delivered - 1) / ((lastAt - firstAt) / 1_000) : Number.NaN,
    lagAfterLastWriteMs: lastAt - input.writesEndedAt,
    lastDeliveryAt: lastAt,
    missing: events - delivered,
    repeatedIds,
    eventsUnderSeveralIds: [...idsByArticle.values()].filter((ids) => ids.size > 1).length,
    unexpected,
    badSignatures: input.received.filter((delivery) => !delivery.signed).length,
    received: input.received.length,
  };
}

/** Everything the benchmark measured, as bench-results/purge-load-latest.json holds it. */
export interface PurgeLoadResults {
  startedAt: string;
  finishedAt: string;
  commit: string | null;
  machine: Machine;
  options: PurgeLoadOptions;
  dataset: { size: number; articles: number; published: number; seededSeconds: number | null };
  /** How long the new API took to plan through the outbox the seed left (events no webhook wants). */
  outboxCatchUpSeconds: number;
  cache: {
    zipf: { exponent: number; top1PercentShare: number; top10PercentShare: number };
    warmup: ReadCounts | null;
    rounds: CacheRound[];
    summary: CacheSummary;
  };
  delivery: DeliverySummary & {
    /** Who wrote the events: the Store in the benchmark's process, or the API (article.update). */
    writtenThrough: 'store' | 'api';
    writers: number;
    webhookSends: number;
  };
  /**
   * Events made while no API ran, then a new API started: how fast it delivers a backlog with
   * nothing else competing (its start, planning, claiming, sending and recording).
   */
  backlog: DeliverySummary & {
    /** From starting the API until it answered /readyz. */
    startSeconds: number;
    /** From starting the API to the last delivery, and the deliveries a second over that time. */
    fromStartSeconds: number;
    fromStartPerSecond: number;
  };
  targets: { ratio: number; hitRate: number; deliveriesPerSecond: number };
}
