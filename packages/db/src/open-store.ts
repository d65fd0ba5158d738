import { parseDatabaseUrl } from './database-url.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the Store named by a DATABASE_URL (`file:./data/newsroom.db`, `:memory:`,
 * `postgres://…`), creating a SQLite file and its directory if needed and applying pending
 * migrations. `options` apply to PostgreSQL only.
 */
export async function openStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'postgres') return openPostgresStore(location.url, options);
  return openSqliteStore(location.path);
}
