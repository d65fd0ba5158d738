import type { PostgresPool } from 'kysely';

/** PostgreSQL's type id for bigint (int8): counts, and passkeys' signature counters. */
const int8 = 20;

/**
 * A `pg` connection pool, as Kysely's PostgresPool. `pg` is loaded here, on first use, so the
 * processes on SQLite (the default) never hold it in memory. A bigint comes back as a number
 * when it fits one exactly, as SQLite and PGlite give it, so rows read the same on every backend
 * (the copy's checksums compare them); `pg` would give every bigint as a string.
 */
export async function pgPoolOf(connectionString: string, max: number): Promise<PostgresPool> {
  const { default: pg } = await import('pg');
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === int8 && format !== 'binary') {
        return (value: string) => {
          const number = Number(value);
          return Number.isSafeInteger(number) ? number : value;
        };
      }
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  return new pg.Pool({ connectionString, max, types }) as unknown as PostgresPool;
}
