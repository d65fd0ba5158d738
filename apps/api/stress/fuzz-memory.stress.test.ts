import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { fuzzRuns, hostileInput } from '../src/fuzz/hostile-input.js';
import { typeOf } from '../src/procedures.js';
import { appRouter } from '../src/root.js';
import { routerPaths } from '../src/testing/router-paths.js';
import { keepAliveAgent, send } from './http-client.js';
import { type NewsroomDatabase, newsroomDatabase } from './newsroom-database.js';
import { stressSeed } from './settings.js';
import { killAll, residentMegabytes, spawnApi } from './spawned-api.js';

/**
 * The built API fed hostile input (the fuzz tests' generators) on every procedure for thousands
 * of requests: its resident memory after a warm-up and after two more rounds of as many requests
 * must stay within a bound, so nothing a request leaves behind (a parsed body, an error, a cache
 * entry beyond the cache's limit, a socket) piles up. Rounds of 3 × FUZZ_RUNS requests.
 */
const perRound = 3 * fuzzRuns();
const concurrency = 8;
/**
 * Room for the heap, malloc's arenas and the response cache (cacheMegabytes) to settle. Seen
 * in earlier sessions: 0–14 MB. Seen now: mostly about 22 MB (11 MB a round), but in some
 * runs 96–99 MB, slowing from round to round (67, then 29 MB): something that fills to a
 * limit rather than a steady leak, not yet explained (see the closing note of the session that
 * set this). A leak of 22 KB a request or more fails it at the default two rounds of 3,000.
 */
const boundMegabytes = 128;
const cacheMegabytes = 16;

let db: NewsroomDatabase | undefined;
afterAll(async () => {
  await killAll();
  db?.remove();
});

// Subscriptions are streams that stay open: their hostile input is the fuzz test's (src/fuzz).
const procedures = routerPaths(appRouter)
  .filter((path) => typeOf(path) !== 'subscription')
  .map((path) => ({ path, mutation: typeOf(path) === 'mutation' }));

it(`keeps its memory bounded through ${3 * perRound} requests of hostile input`, async () => {
  const seed = stressSeed();
  db = await newsroomDatabase(10);
  const database = db;
  // The response cache may rightly fill to its limit (64 MB by default) with the odd valid answer
  // over a long run; a smaller limit keeps that apart from the growth this test looks for.
  const api = await spawnApi(database.databaseUrl, { API_RESPONSE_CACHE_MB: String(cacheMegabytes) });
  const agent = keepAliveAgent(concurrency);
  const answers = new Map<string, number>();

  /** One round: perRound requests, generated in batches so the test holds few inputs at a time. */
  const round = async (roundSeed: number) => {
    const batch = 64;
    for (let start = 0; start < perRound; start += batch) {
      const inputs = fc.sample(hostileInput, {
        numRuns: Math.min(batch, perRound - start),
        seed: roundSeed + start,
      });
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < inputs.length) {
            const n = next++;
            const procedure = procedures[
              (roundSeed + start + n) % procedures.length
            ] as (typeof procedures)[number];
            const outcome = await send(agent, api.url, {
              path: procedure.path,
              method: procedure.mutation ? 'POST' : 'GET',
              rawBody: JSON.stringify(inputs[n]) ?? '',
              token: n % 2 === 0 ? database.editorToken : undefined,
            });
            const key = outcome.kind === 'answer' ? `${outcome.status}` : `broken ${outcome.code}`;
            answers.set(key, (answers.get(key) ?? 0) + 1);
          }
        }),
      );
    }
    // A moment of quiet, so the reading is of what stays, not of the last requests in flight.
    await sleep(500);
    return residentMegabytes(api.pid);
  };

  const started = performance.now();
  const atStart = residentMegabytes(api.pid);
  const warm = await round(seed);
  const middle = await round(seed + 1_000_000);
  const end = await round(seed + 2_000_000);
  const seconds = (performance.now() - started) / 1_000;
  const ready = await send(agent, api.url, { path: 'readyz' });
  agent.destroy();

  console.log(
    [
      `Fuzz memory (STRESS_SEED=${seed}): ${3 * perRound} requests in ${seconds.toFixed(1)} s;` +
        ` RSS at start ${atStart.toFixed(1)} MB, after warm-up ${warm.toFixed(1)} MB,` +
        ` after ${perRound} more ${middle.toFixed(1)} MB, after ${perRound} more ${end.toFixed(1)} MB` +
        ` (growth since warm-up ${(end - warm).toFixed(1)} MB, bound ${boundMegabytes} MB)`,
      `  answers: ${[...answers].map(([key, n]) => `${key}: ${n}`).join(', ')}`,
    ].join('\n'),
  );

  expect(end - warm).toBeLessThan(boundMegabytes);
  // Still alive and answering after it all.
  expect(ready.kind === 'answer' && ready.status).toBe(200);
});
