import type { DatabaseSync } from 'node:sqlite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import { kyselyDatabaseOf } from './node-sqlite-adapter.js';

/**
 * Kysely's SqliteDialect over node:sqlite, with two SQLite-specific corrections:
 * - Write transactions start with BEGIN IMMEDIATE. A plain (deferred) BEGIN takes the write
 *   lock only at the first write, and when another process (the CLI next to the API) wrote
 *   in between, SQLite fails at once with SQLITE_BUSY instead of waiting the busy timeout.
 * - SQLite does run DDL inside transactions, so the Migrator may wrap migrations in one and a
 *   failed migration leaves no half-built schema. Kysely assumes otherwise for SQLite.
 */
export class NodeSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;

  constructor(database: DatabaseSync) {
    const kyselyDatabase = kyselyDatabaseOf(database);
    super({ database: kyselyDatabase });
    this.#database = kyselyDatabase;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver({ database: this.#database });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
