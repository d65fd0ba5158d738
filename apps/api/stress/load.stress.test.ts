import { afterAll, expect, it } from 'vitest';
import { checkAgainstLedger, countOf } from './database-checks.js';
import { type Call, keepAliveAgent, type Outcome, quantile, send } from './http-client.js';
import { type NewsroomDatabase, newsroomDatabase } from './newsroom-database.js';
import { NewsroomWriter } from './newsroom-writer.js';
import { seededRandom, stressSeed, stressSetting } from './settings.js';
import { killAll, spawnApi } from './spawned-api.js';
import { WriteLedger } from './write-ledger.js';

/**
 * The production build on a SQLite file under 200 concurrent keep-alive connections for
 * STRESS_LOAD_SECONDS (60 by default): readers browsing and searching, about one request in
 * seven a write (stories created and revised, comments). Every request must get a whole answer
 * that is not a 5xx, and every acknowledged write must be in the file afterwards.
 */
const seconds = stressSetting('STRESS_LOAD_SECONDS', 60);
const connections = 200;
const writeShare = 0.15;

let db: NewsroomDatabase | undefined;
afterAll(async () => {
  await killAll();
  db?.remove();
});

/** A reader's request, as the site makes them. */
function readCall(database: NewsroomDatabase, random: () => number): Call {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.3) return { path: 'article.bySlug', input: { slug: pick(database.publishedSlugs) } };
  if (roll < 0.5) return { path: 'article.list', input: { limit: 20 } };
  if (roll < 0.6) return { path: 'article.list', input: { limit: 10, tag: pick(database.tagSlugs) } };
  if (roll < 0.7) return { path: 'article.related', input: { slug: pick(database.publishedSlugs) } };
  if (roll < 0.8)
    return { path: 'article.search', input: { q: pick(['climate', 'election', 'city', 'water']) } };
  if (roll < 0.9) return { path: 'comment.list', input: { articleId: database.openArticleId } };
  return { path: pick(['tag.list', 'section.list', 'author.list']) };
}

it(`answers ${connections} connections of reads and writes for ${seconds} s without a 5xx or a lost write`, async () => {
  const seed = stressSeed();
  db = await newsroomDatabase(50);
  const database = db;
  const ledger = new WriteLedger('Stress-load');
  const api = await spawnApi(database.databaseUrl);
  const agent = keepAliveAgent(connections);
  const latencies: number[] = [];
  const answers = new Map<string, number>();
  const unexpected: string[] = [];
  const started = performance.now();
  const endsAt = started + seconds * 1_000;

  const record = (what: string, outcome: Outcome) => {
    latencies.push(outcome.ms);
    const key = outcome.kind === 'answer' ? `${outcome.status}` : `broken ${outcome.code}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
    // 429s are counted apart: a refused write is not a lost one (the limits are lifted anyway).
    const fine =
      outcome.kind === 'answer' && outcome.json && (outcome.status === 200 || outcome.status === 429);
    if (!fine && unexpected.length < 20) unexpected.push(`${what}: ${JSON.stringify(outcome).slice(0, 300)}`);
  };
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const random = seededRandom(seed + i);
      const writer = new NewsroomWriter(`reader-${i}`, database, ledger, random);
      while (performance.now() < endsAt) {
        if (random() < writeShare) {
          const { kind, outcome } = await writer.writeOnce(agent, api.url);
          record(kind, outcome);
        } else {
          const call = readCall(database, random);
          record(call.path, await send(agent, api.url, call));
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1_000;
  agent.destroy();
  api.child.kill('SIGTERM');
  const { code } = await api.exited;

  const mine = `${ledger.prefix} %`;
  const storyRows = countOf(database.path, 'select count(*) as n from articles where headline like ?', mine);
  const commentRows = countOf(database.path, 'select count(*) as n from comments where body like ?', mine);
  const { sqliteProblems, problems } = await checkAgainstLedger(database, ledger);

  const count = latencies.length;
  const fiveHundreds = [...answers].filter(([key]) => key.startsWith('5')).reduce((n, [, c]) => n + c, 0);
  const broken = [...answers].filter(([key]) => key.startsWith('broken')).reduce((n, [, c]) => n + c, 0);
  console.log(
    [
      `Load (STRESS_SEED=${seed}): ${connections} connections for ${elapsedSeconds.toFixed(1)} s:` +
        ` ${count} requests, ${Math.round(count / elapsedSeconds)} req/s,` +
        ` p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms,` +
        ` max ${quantile(latencies, 1).toFixed(0)} ms`,
      `  answers: ${[...answers].map(([key, n]) => `${key}: ${n}`).join(', ')}; 5xx: ${fiveHundreds}, transport errors: ${broken}, 429: ${answers.get('429') ?? 0}`,
      `  writes acknowledged ${ledger.acknowledged}: stories created ${ledger.articles.size}, in the file ${storyRows};` +
        ` comments ${ledger.ackedCommentCount}, in the file ${commentRows}`,
    ].join('\n'),
  );

  expect(unexpected).toEqual([]);
  expect(code).toBe(0);
  expect(storyRows).toBe(ledger.articles.size);
  expect(commentRows).toBe(ledger.ackedCommentCount);
  expect(sqliteProblems).toEqual([]);
  expect(problems).toEqual([]);
  expect(ledger.articles.size).toBeGreaterThan(0);
});
