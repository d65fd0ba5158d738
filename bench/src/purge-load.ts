/**
 * Caches that purge by key, and event delivery: the built API on a copy of the 100,000-article
 * dataset, measured twice.
 *
 * 1. Cache under writes. Readers ask for article.bySlug with a Zipf-skewed choice over every
 *    published article, from 10 connections; runs without writes (A) and with one
 *    article.update a second to a random published article (B) alternate. Reported: reads/s of
 *    each (median of rounds), B / A (target at least 0.8), and the response cache's hit rate
 *    during B from the X-Cache headers (target at least 99 %).
 * 2. Event delivery. A webhook for article.updated to a receiver in this process; then many
 *    article.update calls at once, each one event. Reported: deliveries a second from the first
 *    write to the last delivery (target at least 1,000), how fast the events were made, and
 *    whether each arrived exactly once (by webhook-id).
 *
 *   npm run bench                    (from the root: every benchmark, this one after the HTTP suite)
 *   node src/purge-load.ts           (from bench/, after `npm run build`; BENCH_QUICK=1 for a short run)
 *
 * Prints a table and writes bench-results/purge-load-latest.json. Never fails on a figure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store } from '@newsroom/db';
import { apiMutation, updateHeadline } from './api-writes.ts';
import { UsageError } from './args.ts';
import { builtOutputTime } from './built-output.ts';
import { wallClockMs } from './clock.ts';
import { datasetOf } from './dataset.ts';
import { describeMachine } from './machine.ts';
import { paths } from './paths.ts';
import { isInterrupted, runToEnd, stopAll, stopChildrenOnExit } from './processes.ts';
import { type PurgeLoadOptions, parsePurgeLoadArgs, purgeLoadUsage } from './purge-args.ts';
import {
  type CacheRound,
  hitRate,
  type PurgeLoadResults,
  type ReadCounts,
  summarizeCacheRounds,
  summarizeDeliveries,
} from './purge-figures.ts';
import { percentPrecise, renderPurgeReport } from './purge-report.ts';
import { type ReadTally, runReadLoad } from './read-load.ts';
import { count, percent } from './report.ts';
import { indexBelow, randomFrom, sampleOf, shuffled } from './seeded-random.ts';
import { type Service, startApi } from './services.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';
import { zipfSampler } from './zipf.ts';

const targets = { ratio: 0.8, hitRate: 0.99, deliveriesPerSecond: 1_000 };
/** The API's default, set explicitly so a shell's WEBHOOK_SENDS cannot change what is measured. */
const webhookSends = 8;

interface Published {
  id: string;
  slug: string;
  /** What readers ask for: /article.bySlug?input=… */
  path: string;
}

const log = (line: string) => console.log(line);

let options: PurgeLoadOptions;
try {
  options = parsePurgeLoadArgs(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`purge-load: ${error.message}\n\n${purgeLoadUsage}`);
  process.exit(2);
}
if (options.help) {
  console.log(purgeLoadUsage);
  process.exit(0);
}

/** Webhooks may reach the receiver on 127.0.0.1; the response cache as asked. */
const apiEnv: Record<string, string> = {
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_SENDS: String(webhookSends),
  ...(options.cacheMb === null ? {} : { API_RESPONSE_CACHE_MB: String(options.cacheMb) }),
};

stopChildrenOnExit();
const workDir = join(paths.results, 'purge-load');
try {
  await run(options);
} catch (error) {
  if (!isInterrupted()) {
    console.error(`purge-load: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await stopAll();
  rmSync(workDir, { recursive: true, force: true });
}

async function run(options: PurgeLoadOptions): Promise<void> {
  const startedAt = new Date();
  const machine = describeMachine();
  const builtAt = builtOutputTime();
  const dataset = await datasetOf(options.size, log);

  // The writes change the file: measure on a copy, so the kept dataset stays as seeded.
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `newsroom-${options.size}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${file}${suffix}`, { force: true });
    if (existsSync(`${dataset.file}${suffix}`)) copyFileSync(`${dataset.file}${suffix}`, `${file}${suffix}`);
  }
  const store = await openStore(`file:${file}`);
  try {
    const editor = (await store.tokens.create({ name: 'Bench editor', role: 'editor' })).token;
    const admin = (await store.tokens.create({ name: 'Bench admin', role: 'admin' })).token;
    const published = await publishedArticles(store);
    log(
      `purge-load: ${count(published.length)} published articles in a copy of ${relative(paths.root, dataset.file)}; ` +
        'starting the API',
    );

    const api = await startApi(`api (${count(options.size)})`, file, { responseCache: true, env: apiEnv });
    const outboxCatchUpSeconds = await outboxCaughtUp(store);
    log(`purge-load: the API planned through the outbox's events in ${outboxCatchUpSeconds.toFixed(1)} s`);

    const cache = await cacheUnderWrites(options, api.url, editor, published);
    const { delivery, backlog } = await eventDelivery(options, store, file, api, editor, admin, published);

    const results: PurgeLoadResults = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: commitOf(),
      machine,
      options: { ...options },
      dataset: {
        size: dataset.size,
        articles: dataset.articles,
        published: published.length,
        seededSeconds: dataset.seededSeconds,
      },
      outboxCatchUpSeconds,
      cache,
      delivery,
      backlog,
      targets,
    };
    const latest = join(paths.results, 'purge-load-latest.json');
    const json = `${JSON.stringify(results, null, 2)}\n`;
    writeFileSync(join(paths.results, `purge-load-${results.startedAt.replaceAll(':', '-')}.json`), json);
    writeFileSync(latest, json);
    log(`\n${renderPurgeReport(results, relative(paths.root, latest))}`);
    if (builtOutputTime() !== builtAt) {
      log('warning: the built output changed during the run: its figures may mix two versions of the API');
    }
  } finally {
    await store.close();
  }
}

/** Every published article's id and slug, walking the Store's list 100 at a time as a client would. */
async function publishedArticles(store: Store): Promise<Published[]> {
  const found: Published[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.articles.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const { id, slug } of page.items) {
      found.push({ id, slug, path: `/article.bySlug?input=${encodeURIComponent(JSON.stringify({ slug }))}` });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/**
 * Waits until the API's webhook planner has read the outbox to its end. A new database holds an
 * event for every seeded article, which a fresh API reads through once (no webhook wants them);
 * that work must not fall into a measured round.
 */
async function outboxCaughtUp(store: Store): Promise<number> {
  const started = performance.now();
  const deadline = started + 300_000;
  while ((await store.webhooks.waitingEvents()).count > 0) {
    if (performance.now() > deadline) throw new Error('the API did not read through the outbox in 5 minutes');
    await sleep(100);
  }
  return (performance.now() - started) / 1_000;
}

async function cacheUnderWrites(
  options: PurgeLoadOptions,
  apiUrl: string,
  editor: string,
  published: readonly Published[],
): Promise<PurgeLoadResults['cache']> {
  // Popularity by a seeded shuffle: neither the newest nor the oldest stories are the most read.
  const byRank = shuffled(published, randomFrom(1));
  const sampler = zipfSampler(byRank.length, options.zipfExponent, randomFrom(2));
  const nextPath = () => (byRank[sampler.next()] as Published).path;
  const read = (seconds: number) =>
    runReadLoad({ baseUrl: apiUrl, nextPath, connections: options.connections, seconds });
  const zipf = {
    exponent: options.zipfExponent,
    top1PercentShare: sampler.shareOfTop(Math.ceil(byRank.length / 100)),
    top10PercentShare: sampler.shareOfTop(Math.ceil(byRank.length / 10)),
  };

  log(
    `cache under writes: article.bySlug over ${count(byRank.length)} articles (Zipf ${zipf.exponent}: the top 1 % ` +
      `get ${percent(zipf.top1PercentShare)} of reads), ${options.connections} connections; ` +
      `${options.warmupSeconds} s warm-up, then ${options.rounds} × (A ${options.seconds} s, B ${options.seconds} s)`,
  );
  const warmup = options.warmupSeconds > 0 ? countsOf(await read(options.warmupSeconds)) : null;
  if (warmup) log(`  warm-up: ${roundLine(warmup)}`);

  const writeRandom = randomFrom(3);
  let serial = 0;
  const rounds: CacheRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const a = await read(options.seconds);
    rounds.push({
      kind: 'A',
      round,
      reads: countsOf(a),
      writes: 0,
      writeFailures: 0,
      missesOnWrittenArticles: 0,
      staleAnswers: 0,
    });
    log(`  A${round}: ${roundLine(a)}`);

    const writer = startWriter(options.writesPerSecond, async () => {
      const article = published[indexBelow(published.length, writeRandom)] as Published;
      const saved = await updateHeadline(apiUrl, editor, { id: article.id }, ++serial);
      return { ...article, headline: saved.headline, version: saved.version };
    });
    const b = await read(options.seconds);
    const writes = await writer.stop();
    const writtenPaths = new Set(writes.written.map((article) => article.path));
    const missesOnWrittenArticles = [...writtenPaths].reduce(
      (sum, path) => sum + (b.missesByPath.get(path) ?? 0),
      0,
    );
    const staleAnswers = await staleAnswersOf(apiUrl, writes.written);
    rounds.push({
      kind: 'B',
      round,
      reads: countsOf(b),
      writes: writes.written.length,
      writeFailures: writes.failures.length,
      missesOnWrittenArticles,
      staleAnswers,
    });
    log(
      `  B${round}: ${roundLine(b)}; ${writes.written.length} writes` +
        `${writes.failures.length > 0 ? ` (${writes.failures.length} failed: ${writes.failures[0]})` : ''}, ` +
        `${count(missesOnWrittenArticles)} misses on the articles written; ${staleAnswers} of those articles ` +
        'showed an older headline after the round',
    );
  }
  return { zipf, warmup, rounds, summary: summarizeCacheRounds(rounds) };
}

/** An article written during B, as saved. */
interface Written extends Published {
  headline: string;
  version: number;
}

/**
 * The articles written whose article.bySlug, asked right after the round, still shows an older
 * headline than the last one saved: an answer the purge should have dropped.
 */
async function staleAnswersOf(apiUrl: string, written: readonly Written[]): Promise<number> {
  const latest = new Map<string, Written>();
  for (const article of written) {
    if ((latest.get(article.id)?.version ?? 0) < article.version) latest.set(article.id, article);
  }
  let stale = 0;
  for (const article of latest.values()) {
    const response = await fetch(`${apiUrl}${article.path}`, { signal: AbortSignal.timeout(30_000) });
    const body = (await response.json()) as { result?: { data?: { headline?: string } } };
    if (body.result?.data?.headline !== article.headline) stale++;
  }
  return stale;
}

/** Calls `write` `perSecond` times a second, the first at once, until stopped; each write's outcome kept. */
function startWriter(perSecond: number, write: () => Promise<Written>) {
  const written: Written[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const once = () => {
    const done = write()
      .then((article) => {
        written.push(article);
      })
      .catch((error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };
  once();
  const timer = setInterval(once, 1_000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { written, failures };
    },
  };
}

async function eventDelivery(
  options: PurgeLoadOptions,
  store: Store,
  file: string,
  api: Service,
  editor: string,
  admin: string,
  published: readonly Published[],
): Promise<Pick<PurgeLoadResults, 'delivery' | 'backlog'>> {
  const receiver = await startWebhookReceiver();
  try {
    const { secret } = await apiMutation<{ secret: string }>(api.url, admin, 'webhook.create', {
      url: receiver.url,
      eventTypes: ['article.updated'],
    });
    receiver.setSecret(secret);

    // Different articles, each written once, with the version read beforehand: no conflicts,
    // and one event per article, so an article's deliveries are its event's.
    const chosen = sampleOf(published, options.events * 2, randomFrom(4));
    const articles: Versioned[] = [];
    for (const { id } of chosen) {
      const article = await store.articles.byId(id);
      if (article) articles.push({ id, version: article.version, headline: article.headline });
    }
    const live = articles.slice(0, options.events);
    const waiting = articles.slice(options.events);

    // 1. Events made while the API runs: from the first write to the last delivery.
    await outboxCaughtUp(store);
    const through =
      options.eventWrites === 'store'
        ? 'the Store in a process of its own'
        : `article.update calls, ${options.eventWriters} at once`;
    log(
      `event delivery: a webhook for article.updated to ${receiver.url} (WEBHOOK_SENDS=${webhookSends}); ` +
        `${count(live.length)} headline changes by ${through}`,
    );
    const writes =
      options.eventWrites === 'store'
        ? await writeThroughStore(file, live)
        : await writeThroughApi(api.url, editor, live, options.eventWriters);
    const delivery = {
      ...(await deliveriesOf(receiver, writes, live.length)),
      writtenThrough: options.eventWrites,
      writers: options.eventWrites === 'api' ? options.eventWriters : 1,
      webhookSends,
    };
    log(
      `  made ${count(delivery.events)} events in ${delivery.producedSeconds.toFixed(2)} s ` +
        `(${count(delivery.producedPerSecond)}/s); ${count(delivery.delivered)} delivered ` +
        `in ${delivery.deliveredSeconds.toFixed(2)} s from the first write ` +
        `(${count(delivery.deliveriesPerSecond)}/s; the first after ${count(delivery.firstDeliveryAfterMs)} ms, ` +
        `then ${count(delivery.dispatchPerSecond)}/s), the last ${count(delivery.lagAfterLastWriteMs)} ms after the last write`,
    );

    // 2. A backlog: events made while no API runs, then an API started. Nothing competes with
    // the deliveries for the machine: the dispatcher's own pace.
    await api.process.stop();
    log(`  backlog: ${count(waiting.length)} more events made with the API stopped, then a new API started`);
    const backlogWrites = await writeThroughStore(file, waiting);
    const from = receiver.received.length;
    const startingAt = wallClockMs();
    const next = await startApi(`api (${count(options.size)}, after the backlog)`, file, {
      responseCache: true,
      env: apiEnv,
    });
    const readyAt = wallClockMs();
    try {
      const summary = await deliveriesOf(receiver, backlogWrites, waiting.length, from);
      const lastAt = summary.lastDeliveryAt;
      const backlog = {
        ...summary,
        startSeconds: (readyAt - startingAt) / 1_000,
        fromStartSeconds: (lastAt - startingAt) / 1_000,
        fromStartPerSecond: summary.delivered / ((lastAt - startingAt) / 1_000),
      };
      log(
        `  ${count(backlog.delivered)} of ${count(backlog.events)} delivered ${backlog.fromStartSeconds.toFixed(2)} s after ` +
          `the API was started (${count(backlog.fromStartPerSecond)}/s; it answered after ` +
          `${backlog.startSeconds.toFixed(2)} s); first delivery to last: ${count(backlog.dispatchPerSecond)}/s`,
      );
      return { delivery, backlog };
    } finally {
      await next.process.stop();
    }
  } finally {
    await receiver.close();
  }
}

/**
 * Waits until every event written has arrived (or long enough to say some did not), then for
 * repeats, and sums up the receiver's log from `from` on.
 */
async function deliveriesOf(receiver: WebhookReceiver, writes: Writes, planned: number, from = 0) {
  if (writes.failures.length > 0) {
    log(`  ${writes.failures.length} writes failed, the first: ${writes.failures[0]}`);
  }
  const all = await receiver.waitForIds(
    from + writes.written.length,
    Math.max(30_000, writes.written.length * 20),
  );
  if (!all) log('  gave up waiting for the rest of the deliveries');
  // Repeats of deliveries already taken would come now, if any.
  await sleep(2_000);
  return summarizeDeliveries({
    writes: planned,
    writtenArticleIds: writes.written,
    writesStartedAt: writes.startedAt,
    writesEndedAt: writes.endedAt,
    received: receiver.received.slice(from),
  });
}

interface Writes {
  /** Ids of the articles saved, one article.updated event each. */
  written: string[];
  failures: string[];
  /** wallClockMs when the first write was sent and the last one done. */
  startedAt: number;
  endedAt: number;
}

interface Versioned {
  id: string;
  version: number;
  headline: string;
}

/** Headline changes by the Store, in src/event-writer.ts (a child: SQLite's calls would block the receiver here). */
async function writeThroughStore(file: string, articles: readonly Versioned[]): Promise<Writes> {
  const list = join(workDir, 'event-articles.json');
  writeFileSync(list, JSON.stringify(articles));
  const { stdout } = await runToEnd('event writer', process.execPath, [paths.eventWriter, file, list], {
    cwd: paths.root,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Writes;
}

/** Headline changes by article.update calls, `writers` in flight at once. */
async function writeThroughApi(
  apiUrl: string,
  editor: string,
  articles: readonly Versioned[],
  writers: number,
): Promise<Writes> {
  const written: string[] = [];
  const failures: string[] = [];
  let next = 0;
  const startedAt = wallClockMs();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < articles.length) {
        const article = articles[next++] as Versioned;
        try {
          await updateHeadline(apiUrl, editor, article, next);
          written.push(article.id);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { written, failures, startedAt, endedAt: wallClockMs() };
}

function countsOf(tally: ReadTally): ReadCounts {
  const { missesByPath: _paths, ...counts } = tally;
  return counts;
}

function roundLine(counts: ReadCounts): string {
  const rate = percentPrecise(hitRate(counts));
  const other = counts.uncacheable + counts.notOk + counts.errors;
  return (
    `${count(counts.requestsPerSecond)} reads/s, ${count(counts.hits)} HIT, ${count(counts.misses)} MISS ` +
    `(hit rate ${rate})${other > 0 ? `, ${count(other)} other` : ''}`
  );
}

/** The commit measured, marked when apps/ or packages/ hold changes not committed (what was built). */
function commitOf(): string | null {
  const git = (args: string[]) =>
    spawnSync('git', args, { cwd: paths.root, encoding: 'utf8', timeout: 10_000 }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  if (commit === '') return null;
  const changed = git(['status', '--porcelain', '--', 'apps', 'packages']) !== '';
  return changed ? `${commit} (with uncommitted changes in apps/ or packages/)` : commit;
}
