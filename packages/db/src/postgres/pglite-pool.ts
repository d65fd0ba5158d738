import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * PGlite presented as the `pg`-like pool Kysely's PostgresDialect expects. PGlite is a single
 * connection, so the pool lends its one client to one borrower at a time (a transaction holds
 * it until released) and queues the others. `end()` closes PGlite only when the pool owns it.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  readonly #db: PGlite;
  readonly #owned: boolean;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  readonly #client: PostgresPoolClient;

  constructor(db: PGlite, options: { owned?: boolean } = {}) {
    this.#db = db;
    this.#owned = options.owned ?? false;
    this.#client = {
      query: (async <R>(sql: string, parameters: ReadonlyArray<unknown>) => {
        const result = await db.query<R>(sql, [...parameters]);
        const command = (result as { command?: string }).command?.toUpperCase() ?? commandOf(sql);
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      }) as PostgresPoolClient['query'],
      release: () => {
        const release = this.#release;
        this.#release = undefined;
        release?.();
      },
    };
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.#queue;
    this.#queue = turn.then(() => released);
    await turn;
    this.#release = release;
    return this.#client;
  }

  async end(): Promise<void> {
    await this.#queue;
    if (this.#owned && !this.#db.closed) await this.#db.close();
  }
}

/**
 * The statement's command as `pg` reports it (Kysely reads it for affected-row counts): the
 * fallback for a PGlite that does not report it. A WITH counts as its data-modifying
 * statement, if it has one.
 */
export function commandOf(sql: string): Command {
  const keyword = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (keyword === 'WITH') {
    const modifying = /\b(insert|update|delete|merge)\b/i.exec(sql)?.[1];
    return (modifying?.toUpperCase() ?? 'SELECT') as Command;
  }
  return (keyword ?? 'SELECT') as Command;
}
