import { type Kysely, sql } from 'kysely';
import { StoreUnavailableError } from '../errors.js';
import type { Database } from '../kysely/database.js';
import { postgresMigrations } from '../postgres/migrations/index.js';
import { pgPoolOf } from '../postgres/pg-pool.js';
import { PGlitePool } from '../postgres/pglite-pool.js';
import { postgresKyselyOf } from '../postgres/postgres-store.js';
import { migrateToLatest } from '../sqlite/migrate.js';
import { optimizeBeforeCloseSql } from '../sqlite/open-sqlite-database.js';
import { openSqliteKysely } from '../sqlite/sqlite-store.js';
import type { CopyLocation, CopyRole } from './copy-location.js';

/** One side of a copy: an open database whose schema is up to date. */
export interface CopyEndpoint {
  backend: 'sqlite' | 'postgres';
  description: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * Opens one side of a copy as openStore would (the same Kysely instance and migrations), but
 * without a Store around it: the copy reads and writes tables, not articles. A PGlite given by
 * the caller is left open. Errors are one line naming the side and never the URL.
 */
export async function openCopyEndpoint(location: CopyLocation, role: CopyRole): Promise<CopyEndpoint> {
  const db =
    location.backend === 'sqlite'
      ? openSqliteKysely(location.path)
      : postgresKyselyOf(
          'pglite' in location
            ? new PGlitePool(location.pglite)
            : // Two connections: the copy holds one for its transaction or snapshot at a time.
              await pgPoolOf(location.url, 2),
        );
  try {
    // A server that cannot be reached says so here, instead of as a failed migration.
    await sql`select 1`.execute(db);
    await migrateToLatest(db, location.backend === 'sqlite' ? undefined : postgresMigrations);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new Error(`cannot open the ${role} (${location.description}): ${reasonOf(error)}`, {
      cause: error,
    });
  }
  return {
    backend: location.backend,
    description: location.description,
    db,
    async close() {
      // As the SQLite Store does on close: statistics for the planner, which a bulk load changes.
      if (location.backend === 'sqlite') await sql.raw(optimizeBeforeCloseSql).execute(db);
      await db.destroy();
    },
  };
}

/**
 * The message of a connection error. Node reports a refused connection to a name with several
 * addresses (localhost: ::1 and 127.0.0.1) as an AggregateError with an empty message.
 */
function reasonOf(error: unknown): string {
  // An operator copying a newsroom wants the driver's own words ("connect ECONNREFUSED"), not
  // the plain "try again" the Store gives API clients; the URL's password never reaches them.
  if (error instanceof StoreUnavailableError) return reasonOf(error.cause);
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map((inner) => reasonOf(inner)).join('; ');
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
