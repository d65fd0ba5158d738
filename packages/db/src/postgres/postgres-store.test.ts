import { describeOnServer, freshServerDatabase } from '../testing/server-database.js';
import { describeStoreContract } from '../testing/store-contract.js';
import { createPGlite } from './create-pglite.js';
import { openPostgresStore } from './postgres-store.js';

/**
 * A fresh in-memory PGlite per Store, closed with it. Starting PGlite and migrating cost seconds,
 * so each one is loaded from a dump of one migrated template (the migrations still run, and
 * find nothing to do).
 */
let template: Promise<Blob> | undefined;
async function openPGliteStore() {
  template ??= (async () => {
    const pglite = createPGlite();
    const store = await openPostgresStore(pglite);
    await store.close();
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return dump;
  })();
  const pglite = createPGlite({ loadDataDir: await template });
  const store = await openPostgresStore(pglite);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    if (!pglite.closed) await pglite.close();
  };
  return store;
}

describeStoreContract('PostgreSQL on PGlite', openPGliteStore, { sessions: 'one session' });

describeOnServer('the Store contract', (serverUrl) => {
  // Each Store gets a fresh schema in this file's database: the tests leave data behind.
  let database: Promise<string> | undefined;
  describeStoreContract(
    'PostgreSQL server',
    async () => {
      database ??= freshServerDatabase(serverUrl, 'newsroom_test_contract');
      const url = await database;
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('drop schema if exists public cascade');
      await admin.query('create schema public');
      await admin.end();
      return openPostgresStore(url, { poolSize: 4 });
    },
    { sessions: 'pooled connections' },
  );
});
