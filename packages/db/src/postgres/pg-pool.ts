import type { PostgresPool } from 'kysely';

/**
 * A `pg` connection pool, as Kysely's PostgresPool. `pg` is loaded here, on first use, so the
 * processes on SQLite (the default) never hold it in memory.
 */
export async function pgPoolOf(connectionString: string, max: number): Promise<PostgresPool> {
  const { default: pg } = await import('pg');
  return new pg.Pool({ connectionString, max }) as unknown as PostgresPool;
}
