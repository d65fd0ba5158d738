import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { draftInput } from '../testing/contract-fixtures.js';
import { describeOnServer, freshServerDatabase } from '../testing/server-database.js';
import { createPGlite } from './create-pglite.js';
import { openPostgresStore } from './postgres-store.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves once `condition` holds, polling; fails the test after `ms`. */
async function eventually(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function noticesOf(store: Store) {
  const counter = { notices: 0 };
  store.changes.subscribe(() => {
    counter.notices++;
  });
  return counter;
}

/** Two Stores on one database, as two API processes have. */
function describeAcrossProcesses(name: string, openPair: () => Promise<[Store, Store]>) {
  describe(`change notices across Stores: ${name}`, () => {
    it('reach the other Store after a write, and the writer once', async () => {
      const [writer, reader] = await openPair();
      const heardByWriter = noticesOf(writer);
      const heardByReader = noticesOf(reader);
      await Promise.all([writer.changes.listening(), reader.changes.listening()]);

      await writer.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
      await writer.articles.create(draftInput({ slug: 'heard-elsewhere' }));
      await eventually(() => heardByReader.notices === 2, 'two notices in the other Store');
      expect(heardByWriter.notices).toBe(2);
      // Notices arrive in the order they were sent: once the writer hears the reader's write,
      // an echo of its own two notices would have come before it.
      await reader.sections.upsert({ slug: 'sport', name: 'Sport', description: null, order: 1 });
      await eventually(() => heardByWriter.notices >= 3, "the other Store's notice");
      expect(heardByWriter.notices).toBe(3);
      expect(heardByReader.notices).toBe(3);
    });
  });
}

// Every Store over one PGlite shares its one session: this shows notices crossing between
// Stores, not two processes; the PostgreSQL server run below has two of each.
describeAcrossProcesses('PGlite, two Stores sharing one session', async () => {
  const pglite = createPGlite();
  const first = await openPostgresStore(pglite);
  const second = await openPostgresStore(pglite);
  cleanups.push(
    () => pglite.close(),
    () => first.close(),
    () => second.close(),
  );
  return [first, second];
});

describeOnServer('change notices', (serverUrl) => {
  let database: Promise<string> | undefined;
  const openServerStore = async () => {
    database ??= freshServerDatabase(serverUrl, 'newsroom_test_notices');
    const store = await openPostgresStore(await database, { poolSize: 2 });
    cleanups.push(() => store.close());
    return store;
  };

  describeAcrossProcesses('PostgreSQL server', async () => [
    await openServerStore(),
    await openServerStore(),
  ]);

  describe('change notices on a PostgreSQL server', () => {
    it('resume after the listening connection is cut, with a notice for what may have been missed', async () => {
      const [writer, reader] = [await openServerStore(), await openServerStore()];
      const heard = noticesOf(reader);
      const admin = new pg.Client({ connectionString: await database });
      await admin.connect();
      cleanups.push(() => admin.end());
      const listeners = async () =>
        (
          await admin.query(
            "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
          )
        ).rows as { pid: number }[];
      let pids: { pid: number }[] = [];
      const deadline = Date.now() + 5_000;
      while (pids.length === 0 && Date.now() < deadline) pids = await listeners();
      expect(pids).toHaveLength(1);

      await admin.query('select pg_terminate_backend($1)', [pids[0]?.pid]);
      await eventually(() => heard.notices === 1, 'the reconnection notice');
      await writer.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
      await eventually(() => heard.notices === 2, 'a notice after reconnecting');
    });
  });
});
