/**
 * What tracing costs the API, in one run: article.bySlug (the sample story) read from the
 * response cache (cached) and through tRPC and the database every time (uncached,
 * API_RESPONSE_CACHE_MB=0), by five APIs over the same 1,000-article database:
 *
 * - raw Store: the baseline, createApi over the Store as it is, no SDK (src/api-store-variant.ts);
 * - observed Store: the same over observedStore, which starts a span per Store call (no-op
 *   spans, as no SDK is loaded): what the Store's spans cost when nobody collects them;
 * - tracing off: the shipped dist/main.js without OTEL_EXPORTER_OTLP_ENDPOINT;
 * - tracing on: dist/main.js exporting every span (the SDK's default sampler and batching) to a
 *   receiver in this process that reads and discards them;
 * - tracing on, 10 % kept: the same, sampling one request in ten (parentbased_traceidratio).
 *
 * Rounds interleave: in each, every variant is loaded in turn (a different one first each
 * round), and each figure is a ratio to the raw Store's in the same round, so the machine's
 * drift hits all five alike. Reported: median req/s, p50 and p99 over rounds, and the median
 * ratio. Never fails on a figure.
 *
 *   npm run bench                  (from the root: every benchmark)
 *   node src/tracing-cost.ts       (from bench/, after `npm run build`; BENCH_QUICK=1 for a short run)
 *
 * Prints a table and writes bench-results/tracing-cost-latest.json.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '@newsroom/db';
import { sampleStorySlug } from '@newsroom/sample';
import { builtOutputTime } from './built-output.ts';
import { datasetOf } from './dataset.ts';
import { loadGenerator } from './load-generator.ts';
import { describeMachine } from './machine.ts';
import { paths } from './paths.ts';
import { isInterrupted, stopAll, stopChildrenOnExit } from './processes.ts';
import { count } from './report.ts';
import { type Service, startApi } from './services.ts';
import {
  renderTracingTable,
  summarizeTracingRuns,
  type TracingPath,
  type TracingRun,
  type TracingVariant,
  tracingPaths,
  tracingVariantMeaning,
  tracingVariants,
  variantOrder,
} from './tracing-figures.ts';

const quick = process.env.BENCH_QUICK === '1';
const plan = {
  size: 1_000,
  rounds: quick ? 1 : 5,
  seconds: quick ? 1 : 5,
  warmupSeconds: 1,
  connections: 10,
};
const readPath = `/article.bySlug?input=${encodeURIComponent(JSON.stringify({ slug: sampleStorySlug }))}`;

const log = (line: string) => console.log(line);

/** An OTLP/HTTP receiver that counts what it is sent and keeps none of it. */
async function startSink() {
  let exports = 0;
  let spans = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      exports += 1;
      bytes += Buffer.byteLength(body);
      spans += body.split('"spanId"').length - 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ exports, spans, bytes }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

stopChildrenOnExit();
const sink = await startSink();
try {
  await run();
} catch (error) {
  if (!isInterrupted()) {
    console.error(`tracing-cost: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await stopAll();
  await sink.close();
}

async function run(): Promise<void> {
  const startedAt = new Date();
  const machine = describeMachine();
  const builtAt = builtOutputTime();
  const generator = loadGenerator('auto');
  const dataset = await datasetOf(plan.size, log);
  log(
    `tracing cost (${quick ? 'quick' : 'full'}): article.bySlug on ${count(dataset.articles)} articles, ` +
      `${tracingVariants.length} APIs × ${tracingPaths.length} paths, ${plan.rounds} round(s) of ` +
      `${plan.seconds} s each, ${plan.connections} connections, ${generator.name} ${generator.version}`,
  );
  if (generator.caveat) log(generator.caveat);

  const services = new Map<string, Service>();
  const key = (path: TracingPath, variant: TracingVariant) => `${path} ${variant}`;
  for (const path of tracingPaths) {
    for (const variant of tracingVariants) {
      const responseCache = path === 'cached';
      const name = `api (${key(path, variant)})`;
      const started =
        variant === 'raw Store' || variant === 'observed Store'
          ? await startApi(name, dataset.file, {
              responseCache,
              entry: [paths.apiStoreVariant, variant === 'raw Store' ? 'raw' : 'observed'],
            })
          : await startApi(name, dataset.file, {
              responseCache,
              env: tracingEnv(variant),
            });
      services.set(key(path, variant), started);
    }
  }
  await outboxCaughtUp(dataset.file);
  for (const service of services.values()) {
    const answer = await fetch(`${service.url}${readPath}`);
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`${service.name} answered ${answer.status} to ${readPath}`);
  }

  const load = (path: TracingPath, variant: TracingVariant, seconds: number) =>
    generator.run(
      `${(services.get(key(path, variant)) as Service).url}${readPath}`,
      seconds,
      plan.connections,
    );
  for (const path of tracingPaths) {
    for (const variant of tracingVariants) await load(path, variant, plan.warmupSeconds);
  }
  const sentBefore = sink.counts();
  const runs: TracingRun[] = [];
  let tracedRequests = 0;
  for (let round = 1; round <= plan.rounds; round++) {
    for (const path of tracingPaths) {
      for (const variant of variantOrder(round)) {
        const result = await load(path, variant, plan.seconds);
        runs.push({ round, path, variant, result });
        if (variant === 'tracing on') tracedRequests += result.requests;
        log(`  round ${round} ${path} ${variant}: ${count(result.requestsPerSecond)} req/s`);
      }
    }
  }
  // The last batch leaves the API up to 5 s (OTEL_BSP_SCHEDULE_DELAY) after its requests.
  await sleep(6_000);
  const sent = sink.counts();
  const exported = {
    spans: sent.spans - sentBefore.spans,
    exports: sent.exports - sentBefore.exports,
    bytes: sent.bytes - sentBefore.bytes,
    tracedRequests,
  };

  const rows = summarizeTracingRuns(runs);
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    loadGenerator: { name: generator.name, version: generator.version, caveat: generator.caveat },
    plan,
    path: readPath,
    variants: tracingVariantMeaning,
    rows,
    exported,
    runs,
  };
  const latest = join(paths.results, 'tracing-cost-latest.json');
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);

  log('');
  log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.nodeVersion}, load average ` +
      `${machine.loadAverage.map((load) => load.toFixed(1)).join(' ')} at the start and ` +
      `${loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} at the end; ` +
      `${plan.rounds} round(s) of ${plan.seconds} s per API and path`,
  );
  log(renderTracingTable(rows));
  log('');
  for (const variant of tracingVariants) log(`${variant}: ${tracingVariantMeaning[variant]}`);
  log(
    `tracing on: the receiver got ${count(exported.spans)} spans in ${count(exported.exports)} exports ` +
      `(${(exported.bytes / 1_048_576).toFixed(1)} MB) for ${count(tracedRequests)} requests, ` +
      `${(exported.spans / Math.max(1, tracedRequests)).toFixed(2)} a request (the batch processor drops ` +
      'spans once its queue of 2,048 is full: sample at high rates, OTEL_TRACES_SAMPLER)',
  );
  log(`figures: ${relative(paths.root, latest)}`);
  if (builtOutputTime() !== builtAt) {
    log('warning: the built output changed during the run: its figures may mix two versions of the API');
  }
}

function tracingEnv(variant: TracingVariant): Record<string, string> {
  if (variant === 'tracing on') return { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url };
  if (variant === 'tracing on, 10 % kept') {
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    };
  }
  return {};
}

/**
 * Waits until the APIs' webhook planner has read the outbox to its end: a new database holds an
 * event for every seeded article, which a fresh API reads through once, and that work must not
 * fall into a measured round.
 */
async function outboxCaughtUp(file: string): Promise<void> {
  const store = await openStore(`file:${file}`);
  try {
    const deadline = performance.now() + 300_000;
    while ((await store.webhooks.waitingEvents()).count > 0) {
      if (performance.now() > deadline)
        throw new Error('the APIs did not read through the outbox in 5 minutes');
      await sleep(100);
    }
  } finally {
    await store.close();
  }
}
