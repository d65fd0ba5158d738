import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { InvalidInputError } from '../errors.js';
import { backupSqliteDatabase } from './backup.js';
import { migrationTable } from './migrate.js';
import { sqliteMigrations } from './migrations/index.js';

export interface RestoreReport {
  /** Where the database that was replaced was saved first; null when there was none. */
  savedPrevious: string | null;
}

/**
 * Puts a backup (a file `newsroom backup` made) in the place of the SQLite database at
 * `targetPath`, refusing anything that could lose data or leave a broken database:
 * 1. The backup must pass `pragma integrity_check` and be a Newsroom database whose migrations
 *    this code all knows: one from a newer release would be opened by code that does not
 *    understand its schema. An older one is fine; opening it applies the missing migrations.
 * 2. No other connection may have the target open (the API, a CLI import): SQLite grants
 *    exclusive locking mode on a WAL database only when no one else holds it.
 * 3. The database being replaced is first copied beside it (`<name>-before-restore-<time>.db`),
 *    so restoring the wrong file can be undone.
 * 4. The backup goes in through SQLite's online backup API, under SQLite's own locks, never by
 *    overwriting a file some connection might have open.
 */
export async function restoreSqliteDatabase(
  backupPath: string,
  targetPath: string,
  options: { now?: Date } = {},
): Promise<RestoreReport> {
  if (targetPath === ':memory:') throw new InvalidInputError('an in-memory database cannot be restored into');
  if (!existsSync(backupPath)) throw new InvalidInputError(`no backup at ${backupPath}`);
  const source = openBackup(backupPath);
  try {
    checkBackup(source, backupPath);
    let savedPrevious: string | null = null;
    if (existsSync(targetPath)) {
      assertNotInUse(targetPath);
      savedPrevious = previousCopyPath(targetPath, options.now ?? new Date());
      backupSqliteDatabase(targetPath, savedPrevious);
    } else {
      mkdirSync(dirname(targetPath), { recursive: true });
    }
    await backup(source, targetPath);
    return { savedPrevious };
  } finally {
    source.close();
  }
}

function openBackup(path: string): DatabaseSync {
  try {
    const database = new DatabaseSync(path, { readOnly: true });
    // Opening is lazy: the first read tells whether this is a database at all.
    database.prepare('pragma schema_version').get();
    return database;
  } catch {
    throw new InvalidInputError(`${path} is not a SQLite database`);
  }
}

function checkBackup(source: DatabaseSync, path: string): void {
  let integrity: string | undefined;
  try {
    const row = source.prepare('pragma integrity_check').get() as { integrity_check?: string } | undefined;
    integrity = row?.integrity_check;
  } catch {
    // Damage bad enough stops the check itself (SQLITE_CORRUPT) instead of being listed.
  }
  if (integrity !== 'ok') throw new InvalidInputError(`${path} failed its integrity check`);
  const hasMigrations = source
    .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
    .get(migrationTable);
  if (!hasMigrations)
    throw new InvalidInputError(`${path} is not a Newsroom database (it has no ${migrationTable})`);
  const applied = source.prepare(`select name from ${migrationTable} order by name`).all() as {
    name: string;
  }[];
  const unknown = applied.find(({ name }) => !Object.hasOwn(sqliteMigrations, name));
  if (unknown) {
    throw new InvalidInputError(
      `${path} comes from a newer Newsroom (its migration ${unknown.name} is unknown here); restore it with that release`,
    );
  }
}

/** Throws unless no other connection, in any process, has the database at `path` open. */
function assertNotInUse(path: string): void {
  const probe = new DatabaseSync(path, { timeout: 0 });
  try {
    probe.exec('pragma locking_mode = exclusive');
    probe.exec('begin exclusive');
    probe.exec('rollback');
  } catch (error) {
    const errcode = (error as { errcode?: number }).errcode ?? 0;
    // SQLITE_BUSY or SQLITE_LOCKED: someone else holds it.
    if ((errcode & 0xff) === 5 || (errcode & 0xff) === 6) {
      throw new InvalidInputError(
        `${path} is open in another process (the API, an import?); stop it, then restore`,
      );
    }
    throw error;
  } finally {
    probe.close();
  }
}

function previousCopyPath(targetPath: string, now: Date): string {
  const extension = extname(targetPath);
  const stem = basename(targetPath, extension);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join(dirname(targetPath), `${stem}-before-restore-${stamp}${extension || '.db'}`);
}
