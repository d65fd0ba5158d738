import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** SQLite's 0004 for PostgreSQL: rate-limit counters every API process shares. */
const text = 'text collate "C"';

const statements = [
  `create table rate_limits (
    key ${text} primary key,
    hits integer not null check (hits >= 1),
    window_ends_at ${text} not null
  )`,
  'create index rate_limits_by_end on rate_limits (window_ends_at)',
];

export const rateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
