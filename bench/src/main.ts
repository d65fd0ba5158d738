/**
 * Newsroom's HTTP benchmark: the API and the site, built for production, under load at several
 * dataset sizes, each figure set against a raw node:http server answering the same bytes in the
 * same run (the machine's ceiling), so figures from a shared, noisy machine still compare.
 *
 *   npm run bench -- --quick          (at the root: builds, then every workspace's benchmarks)
 *   npm run bench -- --sizes 1000,10000
 *
 * Prints a table, and writes bench-results/http-<time>.json, http-latest.json and
 * latency-by-size.svg. See README.md for what is measured and how.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleStorySlug } from '@newsroom/sample';
import { type BenchOptions, parseBenchArgs, splitArgs, UsageError, usage } from './args.ts';
import { type Answer, answerOf, startBaseline } from './baseline.ts';
import { timeBuilds } from './build-timing.ts';
import { builtOutputTime } from './built-output.ts';
import { latencyChartSvg } from './chart.ts';
import { type Dataset, datasetOf } from './dataset.ts';
import { type LoadGenerator, loadGenerator } from './load-generator.ts';
import { describeMachine } from './machine.ts';
import { type Comparison, compareWithBaseline, type LoadPlan } from './measure.ts';
import { type PageWeight, pageWeightOf } from './page-weight.ts';
import { paths } from './paths.ts';
import { isInterrupted, peakRssBytes, stopAll, stopChildrenOnExit } from './processes.ts';
import { count, milliseconds, percent, renderReport } from './report.ts';
import {
  type BenchResults,
  type HelloResult,
  type MemoryResult,
  type PathName,
  scaleOf,
  type TargetResult,
  type TrpcFloorResult,
} from './results.ts';
import {
  buildHelloSite,
  type Service,
  startApi,
  startHelloSite,
  startSite,
  startTrpcFloor,
} from './services.ts';
import { chooseTargets, middleCursorOf, type TargetChoices, targetsOf } from './targets.ts';

const pathNames: readonly PathName[] = ['normal', 'uncached'];

/** Where measureSize puts rows as they are measured, so a size cut short keeps what it had. */
interface Measured {
  /** Chosen at the first size, then kept. */
  choices: TargetChoices | null;
  results: TargetResult[];
  memory: MemoryResult[];
  /** The uncached API's article.bySlug answer at the first size: what the tRPC floor serves. */
  bySlug: { url: string; answer: Answer } | null;
}

/** A measured server ended under load. */
class ServerStopped extends Error {}

const log = (line: string) => console.log(line);

let options: BenchOptions;
try {
  options = parseBenchArgs([...process.argv.slice(2), ...splitArgs(process.env.BENCH_ARGS)], process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}

stopChildrenOnExit();
try {
  await runSuite(options);
} catch (error) {
  // After Ctrl-C the signal handler stops everything and exits; what failed meanwhile is no news.
  if (!isInterrupted()) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  }
}

async function runSuite(options: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const machine = describeMachine();
  const generator = loadGenerator(options.loadGenerator);
  const plan: LoadPlan = {
    rounds: options.rounds,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    connections: options.connections,
  };
  log(
    `Newsroom HTTP benchmark (${options.quick ? 'quick' : 'full'}): ${options.sizes.map(count).join(', ')} ` +
      `articles; about ${estimatedMinutes(options)} min of load with ${generator.name} ${generator.version}`,
  );
  if (generator.caveat) log(generator.caveat);

  const build = options.buildTiming ? await buildTiming() : null;
  const hello = await helloPage(generator, plan);

  const datasets: Dataset[] = [];
  const measured: Measured = { choices: null, results: [], memory: [], bySlug: null };
  const warnings: string[] = [];
  const failures: string[] = [];
  let pageWeight: BenchResults['pageWeight'] = null;
  let builtAt = builtOutputTime();
  for (const size of options.sizes) {
    const dataset = await datasetOf(size, log);
    datasets.push(dataset);
    try {
      const pages = await measureSize(dataset, generator, plan, pageWeight === null, measured);
      pageWeight ??= pages ? { size, pages } : null;
    } catch (error) {
      // A server that died spoils the rest of its size only: the other sizes still say something.
      if (!(error instanceof ServerStopped)) throw error;
      failures.push(`${count(size)} articles: ${error.message}`);
      log(`bench: ${error.message}; going on with the next size`);
    }
    const changedAt = builtOutputTime();
    if (changedAt !== builtAt) {
      warnings.push(
        `the built output changed (newest file ${new Date(changedAt).toISOString()}) by the end of the ` +
          `${count(size)}-article rows: rows before and after compare different code`,
      );
      builtAt = changedAt;
    }
  }

  const trpcFloor = measured.bySlug ? await trpcFloorOf(generator, plan, measured.bySlug) : null;
  const { choices, results, memory } = measured;
  const all: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options,
    machine,
    loadGenerator: { name: generator.name, version: generator.version, caveat: generator.caveat },
    datasets,
    choices,
    results,
    scale: scaleOf(results),
    memory,
    pageWeight,
    hello: hello ? { ...hello, articlePageShare: articlePageShare(results, hello) } : null,
    trpcFloor: trpcFloor ? { ...trpcFloor, bySlugShare: bySlugShare(results, trpcFloor) } : null,
    build,
    warnings,
    failures,
  };
  const files = writeResults(all);
  log(`\n${renderReport(all, files)}`);
  if (failures.length > 0) process.exitCode = 1;
}

/**
 * Everything measured at one dataset size: four Newsroom processes up, every target on both
 * paths, rows added to `measured` as they come. Returns the pages' weight when asked to weigh them.
 */
async function measureSize(
  dataset: Dataset,
  generator: LoadGenerator,
  plan: LoadPlan,
  weighPages: boolean,
  measured: Measured,
): Promise<PageWeight[] | null> {
  const size = count(dataset.size);
  log(`${size} articles: starting two APIs and two sites`);
  const [api, apiUncached] = await Promise.all([
    startApi(`api (normal, ${size})`, dataset.file, { responseCache: true }),
    startApi(`api (uncached, ${size})`, dataset.file, { responseCache: false }),
  ]);
  // Both sites read from the normal API: the uncached site measures rendering without its page cache.
  const [site, siteUncached] = await Promise.all([
    startSite(`site (normal, ${size})`, api.url, { pageCache: true }),
    startSite(`site (uncached, ${size})`, api.url, { pageCache: false }),
  ]);
  const services: Record<PathName, Record<'api' | 'site', Service>> = {
    normal: { api, site },
    uncached: { api: apiUncached, site: siteUncached },
  };
  const servers = [api, apiUncached, site, siteUncached];
  try {
    // The walks below go to the uncached API, so they leave the measured API's cache as it was.
    measured.choices ??= await chooseTargets(apiUncached.url, dataset.articles, sampleStorySlug);
    const choices = measured.choices;
    const targets = targetsOf(choices, await middleCursorOf(apiUncached.url, dataset.articles));
    const answers: Record<PathName, Map<string, Answer>> = { normal: new Map(), uncached: new Map() };
    for (const path of pathNames) {
      for (const target of targets) {
        answers[path].set(target.url, await answerOf(`${services[path][target.service].url}${target.url}`));
      }
    }
    const bySlug = targets.find((target) => target.id === 'api article.bySlug');
    const bySlugAnswer = bySlug && answers.uncached.get(bySlug.url);
    if (bySlug && bySlugAnswer?.status === 200) measured.bySlug ??= { url: bySlug.url, answer: bySlugAnswer };
    const baseline = await startBaseline(answers);
    try {
      if (plan.warmupSeconds > 0) {
        for (const path of pathNames) {
          await generator.run(
            `${baseline.urls[path]}${targets[0]?.url}`,
            plan.warmupSeconds,
            plan.connections,
          );
        }
      }
      for (const target of targets) {
        for (const path of pathNames) {
          const answer = answers[path].get(target.url) as Answer;
          const newsroomUrl = `${services[path][target.service].url}${target.url}`;
          const comparison = await compareWithBaseline(
            generator,
            newsroomUrl,
            `${baseline.urls[path]}${target.url}`,
            plan,
          ).catch(async (error: unknown) => {
            // wrk cannot connect to a server that died: say which server, not what wrk saw.
            await sleep(200);
            throwIfStopped(servers);
            throw error;
          });
          const row: TargetResult = {
            ...comparison,
            target: target.id,
            service: target.service,
            path,
            size: dataset.size,
            url: target.url,
            status: answer.status,
            contentType: answer.contentType,
            bodyBytes: answer.body.length,
            error: errorOf(answer, comparison),
          };
          if (row.error && (comparison.non2xx > 0 || comparison.socketErrors > 0)) {
            row.error += await whatFailed(newsroomUrl, services[path][target.service]);
          }
          measured.results.push(row);
          log(progressLine(row));
          throwIfStopped(servers);
        }
      }
      measured.memory.push(
        ...servers.map((service) => ({
          size: dataset.size,
          process: service.name.replace(/, [\d,]+\)$/, ')'),
          peakRssBytes: peakRssBytes(service.process.pid) ?? null,
        })),
        { size: dataset.size, process: 'baseline server', peakRssBytes: peakRssBytes(baseline.pid) ?? null },
      );
      const pageWeight: PageWeight[] | null = weighPages
        ? [await pageWeightOf(site.url, '/'), await pageWeightOf(site.url, `/articles/${choices.sampleSlug}`)]
        : null;
      return pageWeight;
    } finally {
      await baseline.stop();
    }
  } finally {
    await Promise.all(servers.map((service) => service.process.stop()));
  }
}

/** bench/hello-site, built and measured once: the least a server-rendered Astro page costs here. */
async function helloPage(generator: LoadGenerator, plan: LoadPlan): Promise<Comparison> {
  log('building bench/hello-site (astro build)');
  await buildHelloSite();
  const hello = await startHelloSite();
  try {
    return await floorComparison(
      generator,
      plan,
      'hello page',
      hello.url,
      '/',
      await answerOf(`${hello.url}/`),
    );
  } finally {
    await hello.process.stop();
  }
}

/**
 * One floor (a server that does the least its kind can) against a baseline answering `answer`
 * at `path`, warmed up and alternated like the targets; logged as `label`.
 */
async function floorComparison(
  generator: LoadGenerator,
  plan: LoadPlan,
  label: string,
  serverUrl: string,
  path: string,
  answer: Answer,
): Promise<Comparison> {
  const baseline = await startBaseline({ floor: new Map([[path, answer]]) });
  try {
    if (plan.warmupSeconds > 0) {
      await generator.run(`${baseline.urls.floor}${path}`, plan.warmupSeconds, plan.connections);
    }
    const comparison = await compareWithBaseline(
      generator,
      `${serverUrl}${path}`,
      `${baseline.urls.floor}${path}`,
      plan,
    );
    log(
      `${label}: ${count(comparison.requestsPerSecond)} req/s, p50 ${milliseconds(comparison.p50Ms)} ms; ` +
        `baseline ${count(comparison.baselineRequestsPerSecond)} req/s; ${percent(comparison.ratio)}`,
    );
    return comparison;
  } finally {
    await baseline.stop();
  }
}

/**
 * bench/src/trpc-floor-server.ts, serving the uncached API's article.bySlug answer, measured
 * once: what a read costs through Fastify and tRPC alone, before any database or code of ours.
 */
async function trpcFloorOf(
  generator: LoadGenerator,
  plan: LoadPlan,
  bySlug: { url: string; answer: Answer },
): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-trpc-floor-'));
  try {
    const file = join(dir, 'answer.json');
    writeFileSync(file, bySlug.answer.body);
    const floor = await startTrpcFloor(file, bySlug.url);
    try {
      const answer = await answerOf(`${floor.url}${bySlug.url}`);
      if (!answer.body.equals(bySlug.answer.body))
        throw new Error('the tRPC floor answers other bytes than the API');
      return await floorComparison(generator, plan, 'tRPC floor', floor.url, bySlug.url, answer);
    } finally {
      await floor.process.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buildTiming() {
  log('timing a cold build (turbo run build --force), then a cached one');
  const timing = await timeBuilds();
  log(`build: cold ${timing.coldSeconds.toFixed(1)} s, cached ${timing.cachedSeconds.toFixed(1)} s`);
  return timing;
}

/** Why a row's figures are not those of a healthy 200 answer; null when they are. */
function errorOf(answer: Answer, comparison: Comparison): string | null {
  const problems: string[] = [];
  if (answer.status !== 200) problems.push(`answered ${answer.status}`);
  if (comparison.non2xx > 0) problems.push(`${count(comparison.non2xx)} answers not 2xx/3xx under load`);
  if (comparison.socketErrors > 0) problems.push(`${count(comparison.socketErrors)} socket errors`);
  const baselineFailures = comparison.rounds.reduce((sum, round) => sum + round.baseline.non2xx, 0);
  if (answer.status < 400 && baselineFailures > 0) {
    problems.push(`the baseline failed ${count(baselineFailures)} times`);
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** A server that died takes every later row with it: better one line saying which, and why. */
function throwIfStopped(servers: readonly Service[]): void {
  for (const server of servers) {
    const ended = server.process.endedHow();
    if (ended !== null) {
      throw new ServerStopped(`${server.name} stopped (${ended}) under load: ${server.process.outputTail()}`);
    }
  }
}

/**
 * For a row that failed under load: what the URL answers now, and the server's last words (a
 * page's error goes to the log, not the page). Rebuilding the output under a running server
 * (another `turbo run build` in the same checkout) is one way to get here.
 */
async function whatFailed(url: string, service: Service): Promise<string> {
  const now = await answerOf(url).then(
    (answer) => `answers ${answer.status} now`,
    (error: Error) => `fails now: ${error.message}`,
  );
  return `; ${now}; ${service.name} last printed: ${service.process.outputTail()}`;
}

function progressLine(row: TargetResult): string {
  return (
    `  ${count(row.size)} ${row.target} (${row.path}): ${count(row.requestsPerSecond)} req/s, ` +
    `p50 ${milliseconds(row.p50Ms)} ms, p99 ${milliseconds(row.p99Ms)} ms; baseline ` +
    `${count(row.baselineRequestsPerSecond)} req/s; ${percent(row.ratio)}${row.error ? `; ERROR: ${row.error}` : ''}`
  );
}

function articlePageShare(
  results: readonly TargetResult[],
  hello: Comparison,
): HelloResult['articlePageShare'] {
  return results
    .filter((r) => r.target === 'site /articles/<sample>' && r.path === 'uncached' && !r.error)
    .map((r) => ({ size: r.size, share: r.requestsPerSecond / hello.requestsPerSecond }));
}

function bySlugShare(results: readonly TargetResult[], floor: Comparison): TrpcFloorResult['bySlugShare'] {
  return results
    .filter((r) => r.target === 'api article.bySlug' && r.path === 'uncached' && !r.error)
    .map((r) => ({ size: r.size, share: r.requestsPerSecond / floor.requestsPerSecond }));
}

/** Load time only: warm-up and both sides of every round, for each target, path and size, the hello page and the tRPC floor. */
function estimatedMinutes(options: BenchOptions): number {
  const targetsPerSize = 10; // targetsOf's list
  const perTarget = options.warmupSeconds + options.rounds * options.seconds * 2;
  // + 2: the hello page and the tRPC floor.
  const seconds = (options.sizes.length * targetsPerSize * pathNames.length + 2) * perTarget;
  return Math.max(1, Math.round(seconds / 60));
}

function writeResults(results: BenchResults): string[] {
  mkdirSync(paths.results, { recursive: true });
  const stamp = results.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const files = {
    [`http-${stamp}.json`]: json,
    'http-latest.json': json,
    'latency-by-size.svg': latencyChartSvg(
      results.results,
      `Newsroom latency by dataset size, ${results.startedAt.slice(0, 10)} (${results.machine.cores} cores, ` +
        `${results.loadGenerator.name}, ${results.options.connections} connections)`,
    ),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(paths.results, name), text);
  return Object.keys(files).map((name) => relative(paths.root, join(paths.results, name)));
}
