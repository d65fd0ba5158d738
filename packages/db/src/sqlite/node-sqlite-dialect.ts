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
 * - A full disk (SQLITE_FULL) makes SQLite roll the whole transaction back itself. Kysely then
 *   asks for a ROLLBACK, which would fail ("no transaction is active") and hide the real error
 *   from the caller, so the rollback is skipped when there is nothing left to roll back.
 */
export class NodeSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  readonly #connection: DatabaseSync;

  constructor(database: DatabaseSync) {
    const kyselyDatabase = kyselyDatabaseOf(database);
    super({ database: kyselyDatabase });
    this.#database = kyselyDatabase;
    this.#connection = database;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.#connection, { database: this.#database });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

class ImmediateTransactionDriver extends SqliteDriver {
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync, config: ConstructorParameters<typeof SqliteDriver>[0]) {
    super(config);
    this.#database = database;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#database.isTransaction) await super.rollbackTransaction(connection);
  }
}

class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
