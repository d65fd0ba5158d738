import { openPostgresStore, type Store } from '@newsroom/db';
import { createPGlite } from '@newsroom/db/testing/pglite';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiConfig } from './config.js';
import { type ApiAnswer, callApi } from './testing/call-api.js';
import { startTestApi } from './testing/start-test-api.js';
import { storeWith } from './testing/store-with.js';

/**
 * Two API instances on one PostgreSQL database, as behind a load balancer: each with its own
 * Store, response cache and scheduler. On a PostgreSQL server each Store has its own connection
 * pool and notification connection, so nothing is shared but the database, and the two race as
 * they would in production. PGlite has one session only (it is PostgreSQL in single-user mode),
 * which every Store on it shares: there the two cannot run a statement at the same moment and
 * never wait on each other's locks, so that run is named single-session, and the race is the
 * server run's (TEST_DATABASE_URL; without it, shown as skipped).
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Pair {
  a: string;
  b: string;
  /** A Store on the same database, for checking what was written. */
  store: Store;
  editor: string;
  /** Resolves once each instance's scheduler has finished `runs` more runs from now. */
  schedulerRuns(runs: number): Promise<void>;
}

/** Counts a Store's finished publishing runs, and lets a test wait for more of them. */
function countingRuns(store: Store) {
  let finished = 0;
  const waiting: { at: number; resolve: () => void }[] = [];
  const counted = storeWith(store, {
    articles: {
      publishDue: async (now) => {
        try {
          return await store.articles.publishDue(now);
        } finally {
          finished++;
          for (const waiter of waiting.filter(({ at }) => finished >= at)) {
            waiting.splice(waiting.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      },
    },
  });
  const more = (runs: number) =>
    new Promise<void>((resolve) => waiting.push({ at: finished + runs, resolve }));
  return { store: counted, more };
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const write = (url: string, path: string, input: unknown, token: string) =>
  callApi(url, path, input, { method: 'POST', headers: bearer(token) });
const dataOf = (answer: ApiAnswer) => answer.body.result.data;
const draft = (headline: string) => ({ headline, body: [{ type: 'paragraph', text: `${headline}.` }] });

function describeTwoInstances(name: string, openStores: () => Promise<[Store, Store, Store]>) {
  async function start(config: Partial<ApiConfig> = {}): Promise<Pair> {
    const [first, second, store] = await openStores();
    const editor = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
    const [runsOfA, runsOfB] = [countingRuns(first), countingRuns(second)];
    const a = await startTestApi(runsOfA.store, config);
    const b = await startTestApi(runsOfB.store, config);
    cleanups.push(
      () => first.close(),
      () => second.close(),
      () => store.close(),
      () => a.close(),
      () => b.close(),
    );
    return {
      a: a.url,
      b: b.url,
      store,
      editor,
      schedulerRuns: async (runs) => {
        await Promise.all([runsOfA.more(runs), runsOfB.more(runs)]);
      },
    };
  }

  describe(`two API instances on ${name}`, () => {
    it('show a write through one to readers of the other, whose cache had the old answer', async () => {
      const { a, b, editor } = await start();
      const slugsOnB = async () =>
        (dataOf(await callApi(b, 'article.list', { limit: 10 })).items as { slug: string }[]).map(
          (item) => item.slug,
        );
      expect(await slugsOnB()).toEqual([]);
      expect(await slugsOnB()).toEqual([]);

      const created = dataOf(await write(a, 'article.create', draft('Breaking on one instance'), editor));
      const published = await write(
        a,
        'article.publish',
        { id: created.id, version: created.version },
        editor,
      );
      expect(published.status).toBe(200);
      await eventually(
        async () => (await slugsOnB()).includes(created.slug),
        'the story on the other instance',
      );
      const read = await callApi(b, 'article.bySlug', { slug: created.slug });
      expect(dataOf(read).headline).toBe('Breaking on one instance');

      const updated = await write(
        b,
        'article.update',
        { id: created.id, version: dataOf(published).version, headline: 'Corrected on the other' },
        editor,
      );
      expect(updated.status).toBe(200);
      await eventually(
        async () =>
          dataOf(await callApi(a, 'article.bySlug', { slug: created.slug })).headline ===
          'Corrected on the other',
        'the correction on the first instance',
      );
    });

    it('publish each scheduled article once, though both schedulers run', async () => {
      const { a, store, editor, schedulerRuns } = await start({ API_SCHEDULER_INTERVAL_MS: 20 });
      const ids: string[] = [];
      for (let n = 1; n <= 8; n++) {
        const created = dataOf(await write(a, 'article.create', draft(`Scheduled story ${n}`), editor));
        // Each falls due a while after its own scheduling: one time for all could already be
        // past by the last ones on a busy machine, and a time in the past is refused.
        const at = new Date(Date.now() + 3_000).toISOString();
        const scheduled = await write(
          a,
          'article.schedule',
          { id: created.id, version: created.version, at },
          editor,
        );
        expect(scheduled.status).toBe(200);
        ids.push(created.id);
      }
      await eventually(
        async () => (await store.articles.list({ limit: 20 })).items.length === ids.length,
        'every scheduled story published',
      );
      // Both schedulers keep running: two more runs each (so one whole run began after every
      // story was out) give a second publish every chance to happen.
      await schedulerRuns(2);
      for (const id of ids) {
        const revisions = (await store.articles.revisions(id, { limit: 50 })).items;
        const publications = revisions.filter(
          (revision) => revision.kind === 'status' && revision.snapshot.status === 'published',
        );
        expect(publications, id).toHaveLength(1);
        expect((await store.articles.byId(id))?.version).toBe(3);
      }
    });

    it('count a rate limit across both', async () => {
      const { a, b, editor } = await start({ API_RATE_LIMIT_WRITES: 4 });
      const statuses: number[] = [];
      for (let n = 1; n <= 6; n++) {
        const answer = await write(n % 2 === 0 ? b : a, 'article.create', draft(`Draft ${n}`), editor);
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
}

describeTwoInstances('PGlite, single-session', async () => {
  const pglite = createPGlite();
  cleanups.push(() => pglite.close());
  return [await openPostgresStore(pglite), await openPostgresStore(pglite), await openPostgresStore(pglite)];
});

describeOnServer('three instances', (serverUrl) => {
  describeTwoInstances('a connection pool each', async () => {
    const url = await freshServerDatabase(serverUrl, 'newsroom_test_api_instances');
    return [
      await openPostgresStore(url, { poolSize: 4 }),
      await openPostgresStore(url, { poolSize: 4 }),
      await openPostgresStore(url, { poolSize: 2 }),
    ];
  });
});
