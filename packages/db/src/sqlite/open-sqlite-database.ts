import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * How long a writer waits for another connection's lock before failing with SQLITE_BUSY (which
 * the API answers with a 503). node:sqlite waits synchronously, so this is also the longest the
 * process stalls for one write while, say, a CLI import holds the lock.
 */
export const busyTimeoutMs = 5_000;

/**
 * Opens a SQLite database file (or `:memory:`) with the settings the Store relies on. Every
 * PRAGMA the Store uses lives here, so the PostgreSQL backend has nothing of this kind to mirror.
 */
export function openSqliteDatabase(location: string, options: { busyTimeoutMs?: number } = {}): DatabaseSync {
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const timeout = options.busyTimeoutMs ?? busyTimeoutMs;
  const database = new DatabaseSync(location, { timeout, enableForeignKeyConstraints: true });
  try {
    // WAL lets readers (the site) carry on while a writer (an editor, an import) commits.
    database.exec('pragma journal_mode = wal');
    // In WAL mode NORMAL cannot corrupt the database; it only risks the last commits on power
    // loss, and saves an fsync per transaction.
    database.exec('pragma synchronous = normal');
    database.exec('pragma foreign_keys = on');
    database.exec(`pragma busy_timeout = ${timeout}`);
    return database;
  } catch (error) {
    database.close();
    throw error;
  }
}

/** Run before closing: lets SQLite refresh the planner statistics the queries depend on. */
export const optimizeBeforeCloseSql = 'pragma optimize';
