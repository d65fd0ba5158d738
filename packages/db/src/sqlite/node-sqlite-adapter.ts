import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { sqliteStoreErrorOf } from './sqlite-errors.js';

/**
 * Presents Node's built-in `node:sqlite` database as the better-sqlite3-like object that
 * Kysely's SqliteDialect drives, so the Store needs no native addon. Three differences matter:
 * - A StatementSync has no `reader` flag. Kysely uses it to choose between `all()` and
 *   `run()`; without it every SELECT would silently return no rows. A statement reads when
 *   it has result columns (SELECT, PRAGMA, and INSERT/UPDATE … RETURNING alike).
 * - Parameters are passed spread, not as one array.
 * - node:sqlite refuses booleans, so they are bound as 1 and 0 (SQLite has no boolean type).
 * Errors that pass (a lock held by another process, a full disk) leave as StoreUnavailableError,
 * so the API can answer 503 instead of an internal error; the rest leave as SQLite raised them.
 *
 * Kysely prepares every query it runs. Preparing costs about as much as running a small
 * statement, so prepared statements are kept by their SQL text (the most recent
 * `statementCacheSize`) and reused: an import, which runs the same twenty statements per story,
 * goes about twice as fast. Reuse is safe because Kysely runs one query at a time on the
 * connection, and SQLite prepares a kept statement again by itself after a schema change.
 */
export const statementCacheSize = 200;

export function kyselyDatabaseOf(database: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last, so the first key is the one to let go.
        statements.delete(sql);
      } else {
        statement = kyselyStatementOf(mapped(() => database.prepare(sql)));
        if (statements.size >= statementCacheSize) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

function kyselyStatementOf(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => mapped(() => statement.all(...bindable(parameters))),
    run: (parameters) => mapped(() => statement.run(...bindable(parameters))),
    iterate: (parameters) => rowsOf(statement.iterate(...bindable(parameters))),
  };
}

function mapped<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw sqliteStoreErrorOf(error);
  }
}

/** A lazy iteration reads (and may fail) at each row, not when it is made. */
function* rowsOf<T>(rows: Iterator<T>): IterableIterator<T> {
  while (true) {
    const next = mapped(() => rows.next());
    if (next.done) return;
    yield next.value;
  }
}

function bindable(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value, index) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'bigint' ||
      ArrayBuffer.isView(value)
    ) {
      return value as SQLInputValue;
    }
    // A plain object in first place would be taken as named parameters, and undefined is
    // almost always a missing field: both are bugs better reported than stored.
    throw new TypeError(
      `cannot bind parameter ${index + 1} of type ${value === undefined ? 'undefined' : typeof value} to SQLite; ` +
        'serialize objects (JSON.stringify) and dates (toISOString) first',
    );
  });
}
