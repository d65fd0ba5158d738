import { Kysely, sql } from 'kysely';
import type { ChangeBroadcast } from '../change-feed.js';
import type { Database } from '../kysely/database.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { Store } from '../store.js';
import { dataVersionBroadcast } from './data-version-broadcast.js';
import { fts5Search } from './fts5-search.js';
import { migrateToLatest } from './migrate.js';
import { NodeSqliteDialect } from './node-sqlite-dialect.js';
import { openSqliteDatabase, optimizeBeforeCloseSql } from './open-sqlite-database.js';

/** The Kysely instance for a SQLite file (or `:memory:`), schema not yet migrated. */
export function openSqliteKysely(path: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new NodeSqliteDialect(openSqliteDatabase(path)) });
}

/** The Store over an open, migrated SQLite Kysely instance, with FTS5 for search. */
export function sqliteStoreOf(
  db: Kysely<Database>,
  options: { broadcast?: ChangeBroadcast; beforeClose?: () => Promise<void> } = {},
): Store {
  return createKyselyStore(db, { search: fts5Search, ...options });
}

/** Opens the SQLite Store at `path` (a file, or `:memory:`) and brings its schema up to date. */
export async function openSqliteStore(path: string): Promise<Store> {
  const db = openSqliteKysely(path);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return sqliteStoreOf(db, {
    // Another process can only share a file, not a database in memory.
    ...(path === ':memory:' ? {} : { broadcast: dataVersionBroadcast(db) }),
    beforeClose: async () => {
      await sql.raw(optimizeBeforeCloseSql).execute(db);
    },
  });
}
