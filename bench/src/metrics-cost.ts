/**
 * What Prometheus metrics cost the API, in one run: article.bySlug (the sample story) read from
 * the response cache (cached: the path metrics weigh most on, an answer there is a few
 * microseconds) and through tRPC and the database every time (uncached), by the API as shipped
 * (dist/main.js) with metrics off and with METRICS_PORT set, over the same 1,000-article
 * database. The "on" API is scraped once a second while loaded, as a busy Prometheus would
 * (every 15 s is usual).
 *
 * Rounds alternate off and on (which goes first alternates too), and each figure is the ratio
 * of "on" to "off" in the same round, so the machine's drift hits both alike. Reported: median
 * req/s, p50 and p99 over rounds, and the median and spread of the ratios. The target is a ratio
 * of at least 0.95 for cached reads. Never fails on a figure.
 *
 *   npm run bench                  (from the root: every benchmark)
 *   node src/metrics-cost.ts       (from bench/, after `npm run build`; BENCH_QUICK=1 for a short run)
 *
 * Prints a table and writes bench-results/metrics-cost-latest.json.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { sampleStorySlug } from '@newsroom/sample';
import { datasetOf } from './dataset.ts';
import { loadGenerator } from './load-generator.ts';
import type { LoadResult } from './load-result.ts';
import { describeMachine } from './machine.ts';
import { paths } from './paths.ts';
import { freePort, isInterrupted, stopAll, stopChildrenOnExit } from './processes.ts';
import { alignTable, count, milliseconds } from './report.ts';
import { type Service, startApi } from './services.ts';
import { median } from './stats.ts';

const quick = process.env.BENCH_QUICK === '1';
const plan = {
  size: 1_000,
  rounds: quick ? 2 : 8,
  seconds: quick ? 1 : 4,
  warmupSeconds: 1,
  connections: 10,
};
const readPath = `/article.bySlug?input=${encodeURIComponent(JSON.stringify({ slug: sampleStorySlug }))}`;
const variants = ['metrics off', 'metrics on'] as const;
type Variant = (typeof variants)[number];
const routes = ['cached', 'uncached'] as const;
type Route = (typeof routes)[number];

const log = (line: string) => console.log(line);

stopChildrenOnExit();
try {
  await run();
} catch (error) {
  if (!isInterrupted()) {
    console.error(`metrics-cost: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await stopAll();
}

async function run(): Promise<void> {
  const machine = describeMachine();
  const generator = loadGenerator('auto');
  const dataset = await datasetOf(plan.size, log);
  log(
    `metrics cost (${quick ? 'quick' : 'full'}): article.bySlug on ${count(dataset.articles)} articles, ` +
      `${plan.rounds} rounds of ${plan.seconds} s per API and path, ${plan.connections} connections, ` +
      `${generator.name} ${generator.version}`,
  );
  if (generator.caveat) log(generator.caveat);

  const services = new Map<string, Service & { metricsUrl: string | null }>();
  const key = (route: Route, variant: Variant) => `${route} ${variant}`;
  for (const route of routes) {
    for (const variant of variants) {
      const metricsPort = variant === 'metrics on' ? await freePort() : null;
      const service = await startApi(`api (${key(route, variant)})`, dataset.file, {
        responseCache: route === 'cached',
        env: metricsPort ? { METRICS_PORT: String(metricsPort) } : {},
      });
      const metricsUrl = metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : null;
      services.set(key(route, variant), { ...service, metricsUrl });
    }
  }
  for (const service of services.values()) {
    const answer = await fetch(`${service.url}${readPath}`);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`${service.name} answered ${answer.status} to ${readPath}`);
  }

  const load = async (route: Route, variant: Variant, seconds: number): Promise<LoadResult> => {
    const service = services.get(key(route, variant)) as Service & { metricsUrl: string | null };
    const scraping = service.metricsUrl ? scrapeEverySecond(service.metricsUrl) : null;
    try {
      return await generator.run(`${service.url}${readPath}`, seconds, plan.connections);
    } finally {
      await scraping?.stop();
    }
  };
  for (const route of routes) for (const variant of variants) await load(route, variant, plan.warmupSeconds);

  const runs: { round: number; route: Route; variant: Variant; result: LoadResult }[] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    for (const route of routes) {
      for (const variant of round % 2 ? variants : [...variants].reverse()) {
        const result = await load(route, variant, plan.seconds);
        runs.push({ round, route, variant, result });
        log(`  round ${round} ${route} ${variant}: ${count(result.requestsPerSecond)} req/s`);
      }
    }
  }

  const rows = routes.flatMap((route) =>
    variants.map((variant) => {
      const own = runs.filter((r) => r.route === route && r.variant === variant);
      const ratios = own.map((r) => {
        const off = runs.find((o) => o.route === route && o.round === r.round && o.variant === 'metrics off');
        return off ? r.result.requestsPerSecond / off.result.requestsPerSecond : Number.NaN;
      });
      return {
        route,
        variant,
        requestsPerSecond: median(own.map((r) => r.result.requestsPerSecond)),
        p50Ms: median(own.map((r) => r.result.p50Ms)),
        p99Ms: median(own.map((r) => r.result.p99Ms)),
        ratio: median(ratios),
        lowest: Math.min(...ratios),
        highest: Math.max(...ratios),
        failures: own.reduce((sum, r) => sum + r.result.non2xx + r.result.socketErrors, 0),
      };
    }),
  );
  const latest = join(paths.results, 'metrics-cost-latest.json');
  writeFileSync(
    latest,
    `${JSON.stringify({ finishedAt: new Date().toISOString(), machine, plan, path: readPath, rows, runs }, null, 2)}\n`,
  );

  log('');
  log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.nodeVersion}, load average ` +
      `${machine.loadAverage.map((value) => value.toFixed(1)).join(' ')} at the start and ` +
      `${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')} at the end`,
  );
  log(
    alignTable(
      ['path', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'vs off (median)', 'rounds range'],
      rows.map((row) => [
        row.route,
        row.variant,
        count(row.requestsPerSecond),
        milliseconds(row.p50Ms),
        milliseconds(row.p99Ms),
        `${row.ratio.toFixed(3)}${row.failures > 0 ? ` ERROR (${count(row.failures)} failed)` : ''}`,
        `${row.lowest.toFixed(3)}–${row.highest.toFixed(3)}`,
      ]),
      [false, false, true, true, true, true, true],
    ),
  );
  log('target: cached reads with metrics on at least 0.95 of metrics off');
  log(`figures: ${relative(paths.root, latest)}`);
}

/** Scrapes `url` once a second until stopped, checking each answer. */
function scrapeEverySecond(url: string) {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const answer = await fetch(url);
      if (answer.status !== 200) throw new Error(`the metrics endpoint answered ${answer.status}`);
      await answer.text();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
