import { parseDatabaseUrl } from './database-url.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens the Store named by a DATABASE_URL (`file:./data/newsroom.db`, `:memory:`, …), creating
 * the file and its directory if needed and applying pending migrations.
 */
export async function openStore(databaseUrl: string): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl);
  return openSqliteStore(location.path);
}
