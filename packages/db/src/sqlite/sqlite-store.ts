import type { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import type { ChangeBroadcast } from '../change-feed.js';
import { StoreUnavailableError } from '../errors.js';
import type { Database } from '../kysely/database.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { Store } from '../store.js';
import { dataVersionBroadcast } from './data-version-broadcast.js';
import { fts5Search } from './fts5-search.js';
import { migrateToLatest } from './migrate.js';
import { NodeSqliteDialect } from './node-sqlite-dialect.js';
import { openSqliteDatabase, optimizeBeforeCloseSql } from './open-sqlite-database.js';

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before it fails (default busyTimeoutMs, 5 s). */
  busyTimeoutMs?: number;
  /**
   * Called with the Store's own connection once it is open: for a PRAGMA that only holds on
   * that connection, such as the max_page_count a full-disk rehearsal sets.
   */
  onConnection?: (database: DatabaseSync) => void;
}

/** The Kysely instance for a SQLite file (or `:memory:`), schema not yet migrated. */
export function openSqliteKysely(path: string, options: SqliteStoreOptions = {}): Kysely<Database> {
  const database = openSqliteDatabase(path, options);
  options.onConnection?.(database);
  return new Kysely<Database>({ dialect: new NodeSqliteDialect(database) });
}

/** The Store over an open, migrated SQLite Kysely instance, with FTS5 for search. */
export function sqliteStoreOf(
  db: Kysely<Database>,
  options: { broadcast?: ChangeBroadcast; beforeClose?: () => Promise<void> } = {},
): Store {
  return createKyselyStore(db, { search: fts5Search, ...options });
}

/** Opens the SQLite Store at `path` (a file, or `:memory:`) and brings its schema up to date. */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const db = openSqliteKysely(path, options);
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
      try {
        await sql.raw(optimizeBeforeCloseSql).execute(db);
      } catch (error) {
        // Planner statistics are a nicety: a full disk or another process's lock must not
        // keep the Store (and the API shutting down with it) from closing.
        if (!(error instanceof StoreUnavailableError)) throw error;
      }
    },
  });
}
