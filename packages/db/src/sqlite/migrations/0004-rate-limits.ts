import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Rate-limit counters, kept in the database so every API process counts against the same
 * window: one row per key (a client and a limit), the hits in its current window and when
 * that window ends. Rows whose window has ended are pruned by the API's housekeeping.
 */
const statements = [
  `create table rate_limits (
    key text primary key,
    hits integer not null check (hits >= 1),
    window_ends_at text not null
  ) strict, without rowid`,
  'create index rate_limits_by_end on rate_limits (window_ends_at)',
];

export const rateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
