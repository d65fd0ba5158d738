import { type IncomingHttpHeaders, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Article, Comment } from '@newsroom/domain';
import { afterAll, expect, it } from 'vitest';
import { checkAgainstLedger } from './database-checks.js';
import { keepAliveAgent, type Outcome, send } from './http-client.js';
import { type NewsroomDatabase, newsroomDatabase } from './newsroom-database.js';
import { NewsroomWriter } from './newsroom-writer.js';
import { seededRandom, stressSeed } from './settings.js';
import { killAll, spawnApi } from './spawned-api.js';
import { WriteLedger } from './write-ledger.js';

/**
 * SIGTERM to the built API under a steady load of reads and writes: it stops taking new
 * requests but finishes every one it had taken (even one whose body is still arriving), answers
 * every request sent before the signal (with its answer, or a clean 503), answers later ones
 * with a clean 503 or refuses their connection, exits 0 in time, and every write it acknowledged
 * is in the file.
 */
const clients = 16;
/**
 * main.ts waits API_SHUTDOWN_TIMEOUT_MS for in-flight requests, then cuts them off and exits 1.
 * Set well above what draining takes even on a busy machine, so exit code 0 says "drained",
 * not "drained fast"; the bound only catches a process that does not stop.
 */
const shutdownTimeoutMs = 60_000;
const exitBoundMs = 90_000;

let db: NewsroomDatabase | undefined;
afterAll(async () => {
  await killAll();
  db?.remove();
});

interface Probe {
  /** Resolves once the API has read the request's head and said "100 Continue": it has taken it. */
  taken: Promise<void>;
  /** Sends the body and resolves with the answer. */
  finish(): Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }>;
}

/** A POST on its own connection that sends its head now (Expect: 100-continue) and its body later. */
function probe(url: string, path: string, input: unknown, token?: string): Probe {
  const body = JSON.stringify(input);
  const req = request(`${url}/${path}`, {
    method: 'POST',
    agent: false,
    headers: {
      expect: '100-continue',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const taken = new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
  });
  const answer = new Promise<{ status: number; headers: IncomingHttpHeaders; body: unknown }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.once('error', reject);
        res.once('end', () => {
          if (!res.complete) reject(new Error(`${path}: the answer was cut short`));
          else resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
        });
      });
    },
  );
  // The test awaits both; until then a failure must not count as an unhandled rejection.
  taken.catch(() => {});
  answer.catch(() => {});
  return {
    taken,
    finish: () => {
      req.end(body);
      return answer;
    },
  };
}

it('finishes every request it had taken when stopped with SIGTERM under load, then exits 0', async () => {
  const seed = stressSeed();
  db = await newsroomDatabase(20);
  const ledger = new WriteLedger('Stress-drain');
  const api = await spawnApi(db.databaseUrl, { API_SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) });
  const agent = keepAliveAgent(clients);
  const outcomes: { what: string; outcome: Outcome }[] = [];
  let signalAt = Number.POSITIVE_INFINITY;
  // The signal comes once every client has had a few answers: the load is surely running.
  const answersBeforeSignal = clients * 5;
  let loadRunning!: () => void;
  const running = new Promise<void>((resolve) => {
    loadRunning = resolve;
  });

  const database = db;
  const loops = Array.from({ length: clients }, async (_, i) => {
    const random = seededRandom(seed + i);
    const writer = new NewsroomWriter(`client-${i}`, database, ledger, random);
    for (;;) {
      let what: string;
      let outcome: Outcome;
      const roll = random();
      if (roll < 0.3) {
        const written = await writer.writeOnce(agent, api.url);
        what = written.kind;
        outcome = written.outcome;
      } else {
        const slug = database.publishedSlugs[Math.floor(random() * database.publishedSlugs.length)];
        const read =
          roll < 0.55
            ? { path: 'article.bySlug', input: { slug } }
            : roll < 0.8
              ? { path: 'article.list', input: { limit: 10 } }
              : { path: 'article.search', input: { q: 'climate' } };
        what = read.path;
        outcome = await send(agent, api.url, read);
      }
      outcomes.push({ what, outcome });
      if (outcomes.length === answersBeforeSignal) loadRunning();
      // After the signal, a refused or closed connection is the API's last word to this client.
      if (outcome.kind === 'broken' && signalAt !== Number.POSITIVE_INFINITY) return;
    }
  });

  await running;
  // Requests the API has surely taken (it said "100 Continue") whose bodies are still to come.
  const stories = [0, 1, 2].map((n) => {
    const content = {
      headline: `${ledger.prefix} probe story ${n}`,
      body: [{ type: 'paragraph' as const, text: `Sent whole after the signal, number ${n}.` }],
      tagSlugs: [database.tagSlugs[n] as string],
    };
    const input = { ...content, sectionSlug: database.sectionSlug, authorSlugs: [database.authorSlug] };
    return { content, probe: probe(api.url, 'article.create', input, database.editorToken) };
  });
  const comments = [0, 1, 2].map((n) => {
    const body = `${ledger.prefix} probe comment ${n}`;
    ledger.commentSent(body);
    const input = { articleId: database.openArticleId, displayName: 'Probe reader', body };
    return { probe: probe(api.url, 'comment.create', input) };
  });
  const probes = [...stories, ...comments].map(({ probe }) => probe);
  await Promise.all(probes.map((taken) => taken.taken));

  signalAt = performance.now();
  api.child.kill('SIGTERM');
  // The bodies go only once the API refuses new connections: close has surely begun.
  const checker = keepAliveAgent(1);
  let refusing = false;
  for (let i = 0; i < 200 && !refusing; i++) {
    const outcome = await send(checker, api.url, { path: 'healthz', timeoutMs: 5_000 });
    refusing = outcome.kind === 'broken' || outcome.status === 503;
    if (!refusing) await sleep(25);
  }
  checker.destroy();
  const probeAnswers = await Promise.all(probes.map((taken) => taken.finish()));
  const { code, signal } = await api.exited;
  const stoppedAfterMs = performance.now() - signalAt;
  await Promise.all(loops);
  agent.destroy();

  for (const [n, answer] of probeAnswers.entries()) {
    const data = answer.status === 200 ? (answer.body as { result: { data: unknown } }).result.data : null;
    const story = stories[n];
    if (data && story) ledger.created(data as Article, story.content);
    else if (data) ledger.commentAcked(data as Comment);
  }

  const { sqliteProblems, problems } = await checkAgainstLedger(database, ledger);

  const before = outcomes.filter(({ outcome }) => outcome.sentAt < signalAt);
  const after = outcomes.filter(({ outcome }) => outcome.sentAt >= signalAt);
  const inFlight = before.filter(({ outcome }) => outcome.sentAt + outcome.ms >= signalAt);
  const tally = (list: typeof outcomes) => {
    const counts = new Map<string, number>();
    for (const { outcome } of list) {
      const key = outcome.kind === 'answer' ? String(outcome.status) : outcome.code;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, n]) => `${key}: ${n}`).join(', ') || 'none';
  };
  console.log(
    [
      `SIGTERM drain (STRESS_SEED=${seed}): exit code ${code} ${Math.round(stoppedAfterMs)} ms after the signal;` +
        ` ${ledger.acknowledged} writes acknowledged, all in the file`,
      `  probes taken before the signal, bodies sent after: ${probeAnswers.map((a) => a.status).join(', ')}`,
      `  load sent before the signal: ${tally(before)}; of these in flight at the signal: ${tally(inFlight)}`,
      `  load sent after the signal: ${tally(after)}`,
    ].join('\n'),
  );

  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(stoppedAfterMs).toBeLessThan(exitBoundMs);
  expect(refusing).toBe(true);
  // Every request the API had taken is answered whole, and says the connection ends.
  for (const answer of probeAnswers) {
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');
  }
  // Load: 200s, and after the signal clean 503s; never another status, never an answer cut short.
  const wrong = outcomes.filter(
    ({ outcome }) =>
      (outcome.kind === 'answer' &&
        !(
          outcome.status === 200 ||
          (outcome.status === 503 && outcome.json && outcome.body?.error?.message)
        )) ||
      (outcome.kind === 'broken' && outcome.answerBegun),
  );
  expect(wrong.map(({ what, outcome }) => `${what} ${JSON.stringify(outcome).slice(0, 300)}`)).toEqual([]);
  // Every request sent before the signal has an answer: the breaks above are of later ones alone.
  expect(
    before
      .filter(({ outcome }) => outcome.kind !== 'answer')
      .map(({ what, outcome }) => `${what} ${JSON.stringify(outcome).slice(0, 300)}`),
  ).toEqual([]);
  expect(sqliteProblems).toEqual([]);
  expect(problems).toEqual([]);
});
