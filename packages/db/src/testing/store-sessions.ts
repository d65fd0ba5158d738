/**
 * How a backend's Store runs calls made at the same moment, which decides what the contract's
 * "at once" tests show:
 * - 'one session': SQLite's one connection, or PGlite's one session (every Store over a PGlite
 *   shares it). The calls take turns, so nothing races and no lock ever waits: these tests show
 *   that the outcome of calls made together is right, not that a race is decided right.
 * - 'pooled connections': a PostgreSQL server through a pool. Each call has a connection of its
 *   own, but whether they overlap is up to timing (the first is often done before the second
 *   has connected).
 * Races decided by the database itself are forced in src/postgres/store-races.test.ts: two
 * Stores on a PostgreSQL server (TEST_DATABASE_URL) whose writes both wait on one row lock.
 */
export type StoreSessions = 'one session' | 'pooled connections';

/** How "at once" happens on these sessions, for the name of a test that makes calls at once. */
export function raceOf(sessions: StoreSessions): string {
  return sessions === 'one session' ? 'taking turns on one session' : 'each on a connection of its own';
}
