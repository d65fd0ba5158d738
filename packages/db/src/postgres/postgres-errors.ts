import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { SlugTakenError, StoreError, StoreUnavailableError } from '../errors.js';

/**
 * A server that is down, restarting or out of connections: socket errors from `pg`, and the
 * SQLSTATEs of class 08 (connection exception), 53300 (too_many_connections), 57P01–57P03
 * (shutting down, cannot connect now).
 */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const unreachableSqlStates = /^(08...|53300|57P0[123])$/;
/** disk_full (53100): the server could not extend a file. */
const diskFullSqlState = '53100';

/**
 * PostgreSQL's errors as the Store's errors. A unique violation (SQLSTATE 23505) on a slug taken
 * by a concurrent writer between the repositories' check and their insert becomes
 * SlugTakenError, as the check itself would have thrown. A server that cannot be reached or
 * has no room becomes StoreUnavailableError, which the API answers with a 503. Other errors pass
 * through unchanged.
 */
export function storeErrorOf(error: unknown): unknown {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (typeof code === 'string' && (unreachableCodes.has(code) || unreachableSqlStates.test(code))) {
    return new StoreUnavailableError('unreachable', { cause: error, code });
  }
  if (code === diskFullSqlState) return new StoreUnavailableError('full', { cause: error, code });
  if (code !== '23505') return error;
  const value = /=\((.*)\) already exists/.exec(detail ?? '')?.[1];
  const column = /^Key \(([^)]*)\)=/.exec(detail ?? '')?.[1] ?? '';
  if (column === 'slug') return new SlugTakenError(value ?? '');
  return new StoreError(`a record with the same ${column || 'key'} already exists`, { cause: error });
}

/** A pool whose connection and clients' errors go through storeErrorOf; the same client object each time. */
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
    let client: PostgresPoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw storeErrorOf(error);
    }
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
