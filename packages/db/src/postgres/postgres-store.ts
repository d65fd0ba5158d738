import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type { Database } from '../kysely/database.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import { migrateToLatest } from '../sqlite/migrate.js';
import type { Store } from '../store.js';
import {
  type ChannelListener,
  pgliteChannelListener,
  postgresBroadcast,
  serverChannelListener,
} from './change-notifications.js';
import { postgresMigrations } from './migrations/index.js';
import { takeOutboxLock } from './outbox-lock.js';
import { pgPoolOf } from './pg-pool.js';
import { PGlitePool } from './pglite-pool.js';
import { ErrorMappingPool } from './postgres-errors.js';
import { tsvectorSearch } from './tsvector-search.js';

export interface PostgresStoreOptions {
  /**
   * Connections in the `pg` pool (a real server only); default 10. A Store that has change
   * subscribers holds one more, for LISTEN.
   */
  poolSize?: number;
}

/** The Kysely instance over a pool (pg.Pool or PGlitePool), unique violations mapped. */
export function postgresKyselyOf(pool: PostgresPool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new ErrorMappingPool(pool) }) });
}

/**
 * The Store over an open, migrated PostgreSQL Kysely instance, with tsvector for search and,
 * given a channel listener, change notices to and from other processes.
 */
export function postgresStoreOf(db: Kysely<Database>, listen?: ChannelListener): Store {
  return createKyselyStore(db, {
    search: tsvectorSearch,
    serializeEvents: takeOutboxLock,
    skipLocked: true,
    ...(listen ? { broadcast: postgresBroadcast(db, listen) } : {}),
  });
}

/**
 * Opens the PostgreSQL Store: `postgres://…` / `postgresql://…` opens a pooled `pg`
 * connection to a server; a PGlite instance (made by `createPGlite()`, or any PGlite with the
 * unaccent extension loaded) is used as it is and left open on close. Brings the schema up to
 * date. PGlite is a devDependency (tests and local tries), so only its types are imported here.
 */
export async function openPostgresStore(
  target: string | PGlite,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const pool =
    typeof target === 'string' ? await pgPoolOf(target, options.poolSize ?? 10) : new PGlitePool(target);
  const db = postgresKyselyOf(pool);
  try {
    await migrateToLatest(db, postgresMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return postgresStoreOf(
    db,
    typeof target === 'string' ? serverChannelListener(target) : pgliteChannelListener(target),
  );
}
