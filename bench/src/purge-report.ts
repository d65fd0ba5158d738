import type { PurgeLoadResults } from './purge-figures.ts';
import { alignTable, count, percent } from './report.ts';

/** The run's figures as plain text for the terminal: the cache under writes, then event delivery. */
export function renderPurgeReport(results: PurgeLoadResults, file: string): string {
  const { machine, options, dataset, cache, delivery, backlog, targets } = results;
  const { summary } = cache;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const header = [
    `Caches that purge by key, and event delivery: ${options.quick ? 'quick run' : 'full run'}, ` +
      `${results.startedAt.replace('T', ' ').slice(0, 16)} UTC, commit ${results.commit ?? 'unknown'}`,
    `machine   ${machine.cpuModel}, ${machine.cores} cores; Node ${machine.nodeVersion}; ` +
      `load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at start`,
    `dataset   ${count(dataset.size)} generated articles (${count(dataset.published)} published), a copy of ` +
      `bench-results/datasets/newsroom-${dataset.size}.db; the API planned through the seed's outbox in ` +
      `${results.outboxCatchUpSeconds.toFixed(1)} s before anything was measured`,
    `reads     article.bySlug, Zipf exponent ${cache.zipf.exponent} over every published article (the top 1 % ` +
      `get ${percent(cache.zipf.top1PercentShare)} of reads, the top 10 % ${percent(cache.zipf.top10PercentShare)}); ` +
      `${options.connections} connections, keep-alive, Node's HTTP client; ${options.warmupSeconds} s warm-up, then ` +
      `${options.rounds} × (A ${options.seconds} s, B ${options.seconds} s); response cache ` +
      `${options.cacheMb === null ? "the API's default (64 MB)" : `${options.cacheMb} MB`}`,
    `writes    B: ${options.writesPerSecond} article.update a second (headline) to a random published article, editor token`,
  ].join('\n');

  const cacheTable = alignTable(
    ['', 'reads/s', 'HIT', 'MISS', 'hit rate'],
    cache.rounds.map((round) => [
      `${round.kind}${round.round}${round.kind === 'B' ? ` (${round.writes} writes)` : ''}`,
      count(round.reads.requestsPerSecond),
      count(round.reads.hits),
      count(round.reads.misses),
      percentPrecise(round.reads.hits / (round.reads.hits + round.reads.misses)),
    ]),
    [false, true, true, true, true],
  );

  const figures = alignTable(
    ['figure', 'measured', 'target', ''],
    [
      ['reads/s, A (no writes), median', count(summary.readsPerSecondA), '', ''],
      ['reads/s, B (1 write/s), median', count(summary.readsPerSecondB), '', ''],
      [
        'B / A (median of rounds)',
        summary.ratio.toFixed(2),
        `≥ ${targets.ratio}`,
        met(summary.ratio >= targets.ratio),
      ],
      ['hit rate during A', percentPrecise(summary.hitRateA), '', ''],
      [
        'hit rate during B',
        percentPrecise(summary.hitRateB),
        `≥ ${percent(targets.hitRate)}`,
        met(summary.hitRateB >= targets.hitRate),
      ],
      [
        'B misses on articles written',
        `${count(summary.missesOnWrittenArticles)} of ${count(summary.missesB)}`,
        '',
        `${count(summary.writes)} writes`,
      ],
      [
        'stale bySlug answers after B’s writes',
        `${count(summary.staleAnswers)} of ${count(summary.writes)}`,
        '0',
        met(summary.staleAnswers === 0),
      ],
      [
        `events made (${
          delivery.writtenThrough === 'store' ? 'Store, own process' : `API, ${delivery.writers} at once`
        })`,
        `${count(delivery.events)} in ${delivery.producedSeconds.toFixed(2)} s`,
        '',
        `${count(delivery.producedPerSecond)}/s`,
      ],
      [
        'deliveries/s, first write to last delivery',
        count(delivery.deliveriesPerSecond),
        `≥ ${count(targets.deliveriesPerSecond)}`,
        met(delivery.deliveriesPerSecond >= targets.deliveriesPerSecond),
      ],
      ['first delivery after first write', `${count(delivery.firstDeliveryAfterMs)} ms`, '', ''],
      ['deliveries/s, first delivery to last', count(delivery.dispatchPerSecond), '', ''],
      ['last delivery after last write', `${count(delivery.lagAfterLastWriteMs)} ms`, '', ''],
      [
        'delivered exactly once',
        `${count(delivery.delivered)} of ${count(delivery.events)}`,
        'all',
        met(delivery.missing === 0 && delivery.eventsUnderSeveralIds === 0),
      ],
      [
        'repeated webhook-ids, bad signatures',
        `${count(delivery.repeatedIds)}, ${count(delivery.badSignatures)}`,
        '0, 0',
        met(delivery.repeatedIds === 0 && delivery.badSignatures === 0),
      ],
      [
        'backlog: deliveries/s from API start',
        count(backlog.fromStartPerSecond),
        '',
        `${count(backlog.delivered)} in ${backlog.fromStartSeconds.toFixed(2)} s`,
      ],
      ['backlog: deliveries/s, first to last', count(backlog.dispatchPerSecond), '', ''],
      [
        'backlog: delivered exactly once',
        `${count(backlog.delivered)} of ${count(backlog.events)}`,
        'all',
        met(
          backlog.missing === 0 &&
            backlog.eventsUnderSeveralIds === 0 &&
            backlog.repeatedIds === 0 &&
            backlog.badSignatures === 0,
        ),
      ],
    ],
    [false, true, true, false],
  );

  const notes: string[] = [];
  if (summary.writeFailures > 0) notes.push(`${count(summary.writeFailures)} writes during B failed`);
  if (summary.otherAnswers > 0) {
    notes.push(`${count(summary.otherAnswers)} reads answered neither HIT nor MISS (not 200, or no answer)`);
  }
  if (delivery.writes !== delivery.events) {
    notes.push(
      `${count(delivery.writes - delivery.events)} of the ${count(delivery.writes)} event writes failed`,
    );
  }
  if (delivery.unexpected > 0) notes.push(`${count(delivery.unexpected)} deliveries about other events`);
  if (delivery.missing > 0) notes.push(`${count(delivery.missing)} events never arrived`);
  if (backlog.missing > 0) notes.push(`${count(backlog.missing)} backlog events never arrived`);
  if (backlog.unexpected > 0)
    notes.push(`${count(backlog.unexpected)} backlog deliveries about other events`);
  notes.push(`written to ${file}`);
  return `${[header, cacheTable, figures, notes.join('\n')].join('\n\n')}\n`;
}

/**
 * Hit rates near 100 % need two decimals to tell 99.0 from 99.99; rounded down, so that only
 * a rate with no miss at all reads 100.00 %.
 */
export function percentPrecise(share: number): string {
  return Number.isFinite(share) ? `${(Math.floor(share * 10_000) / 100).toFixed(2)} %` : '–';
}
