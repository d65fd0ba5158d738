import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { SlugTakenError, StoreError } from '../errors.js';

/**
 * PostgreSQL's unique violations (SQLSTATE 23505) as the Store's errors: a slug taken by a
 * concurrent writer between the repositories' check and their insert becomes SlugTakenError,
 * as the check itself would have thrown. Other errors pass through unchanged.
 */
export function storeErrorOf(error: unknown): unknown {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code !== '23505') return error;
  const value = /=\((.*)\) already exists/.exec(detail ?? '')?.[1];
  const column = /^Key \(([^)]*)\)=/.exec(detail ?? '')?.[1] ?? '';
  if (column === 'slug') return new SlugTakenError(value ?? '');
  return new StoreError(`a record with the same ${column || 'key'} already exists`, { cause: error });
}

/** A pool whose clients' errors go through storeErrorOf; the same client object each time. */
export class ErrorMappingPool implements PostgresPool {
  readonly #pool: PostgresPool;
  readonly #clients = new WeakMap<PostgresPoolClient, PostgresPoolClient>();

  constructor(pool: PostgresPool) {
    this.#pool = pool;
  }

  get options(): object {
    return this.#pool.options;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = {
        query: (async (...args: [string, ReadonlyArray<unknown>]) => {
          try {
            return await client.query(...args);
          } catch (error) {
            throw storeErrorOf(error);
          }
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}
