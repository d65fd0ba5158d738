import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { checkAgainstLedger } from './database-checks.js';
import { keepAliveAgent, quantile } from './http-client.js';
import { type NewsroomDatabase, newsroomDatabase } from './newsroom-database.js';
import { NewsroomWriter } from './newsroom-writer.js';
import { seededRandom, stressSeed, stressSetting } from './settings.js';
import { killAll, spawnApi } from './spawned-api.js';
import { WriteLedger } from './write-ledger.js';

/**
 * The built API on a SQLite file is killed with SIGKILL at random moments while writers create,
 * revise and comment, then started again on the same file, round after round. Whatever the API
 * acknowledged must be in the file afterwards exactly as acknowledged (or a later state sent
 * since), nothing may be half-written, and SQLite must find the file sound.
 */
const rounds = stressSetting('STRESS_KILL_ROUNDS', 8);
const writers = 6;

let db: NewsroomDatabase | undefined;
afterAll(async () => {
  await killAll();
  db?.remove();
});

it(`keeps every acknowledged write, whole, through ${rounds} kills with SIGKILL`, async () => {
  const seed = stressSeed();
  const random = seededRandom(seed);
  db = await newsroomDatabase(20);
  const ledger = new WriteLedger('Stress-kill');
  const clients = Array.from(
    { length: writers },
    (_, i) => new NewsroomWriter(`writer-${i}`, db as NewsroomDatabase, ledger, seededRandom(seed + i + 1)),
  );
  const recoveryMs: number[] = [];
  const answers = new Map<string, number>();
  const brokenBeforeKill: string[] = [];
  let inFlightAtKills = 0;
  let sent = 0;

  for (let round = 0; round < rounds; round++) {
    const api = await spawnApi(db.databaseUrl);
    recoveryMs.push(api.readyAfterMs);
    const agent = keepAliveAgent(writers);
    let killing = false;
    let inFlight = 0;
    const loops = clients.map(async (client) => {
      while (!killing) {
        inFlight += 1;
        sent += 1;
        const { kind, outcome } = await client.writeOnce(agent, api.url);
        inFlight -= 1;
        const what = outcome.kind === 'answer' ? `${kind} ${outcome.status}` : `${kind} broken`;
        answers.set(what, (answers.get(what) ?? 0) + 1);
        // Until the kill, the API must answer every request.
        if (outcome.kind === 'broken' && !killing) brokenBeforeKill.push(`${what} (${outcome.code})`);
      }
    });
    await sleep(300 + random() * 1_700);
    killing = true;
    inFlightAtKills += inFlight;
    api.child.kill('SIGKILL');
    await api.exited;
    await Promise.all(loops);
    agent.destroy();
  }

  const { sqliteProblems, problems, articleCount } = await checkAgainstLedger(db, ledger);

  console.log(
    [
      `SIGKILL durability (STRESS_SEED=${seed}): ${rounds} rounds, ${sent} writes sent, ${ledger.acknowledged} acknowledged` +
        ` (${ledger.articles.size} articles created, ${ledger.ackedCommentCount} comments), ${inFlightAtKills} in flight at the kills`,
      `  recovery (spawn to ready) per restart, ms: ${recoveryMs.map((ms) => Math.round(ms)).join(', ')}` +
        ` (median ${Math.round(quantile(recoveryMs, 0.5))})`,
      `  answers: ${[...answers].map(([what, n]) => `${what}: ${n}`).join(', ')}`,
      `  ${articleCount} articles in the file, all read back whole; SQLite problems: ${sqliteProblems.length}`,
    ].join('\n'),
  );

  expect(brokenBeforeKill).toEqual([]);
  // Only 200s, and 409s for a revision whose base a lost (but landed) revision had moved on.
  expect([...answers.keys()].filter((what) => !/ (200|409|broken)$/.test(what))).toEqual([]);
  expect(sqliteProblems).toEqual([]);
  expect(problems).toEqual([]);
  expect(ledger.articles.size).toBeGreaterThan(0);
  expect(ledger.ackedCommentCount).toBeGreaterThan(0);
});
