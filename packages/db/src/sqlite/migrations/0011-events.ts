import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The outbox: every change's event, written in the same transaction as the change, so a write
 * that rolls back leaves none and one that commits never loses its event. The id orders all
 * events (SQLite's writes are one at a time, so ids commit in order); `data` holds the rest of
 * the event (actor, subject, cache keys) as JSON. Events are pruned after their retention.
 */
const statements = [
  `create table events (
    id integer primary key autoincrement,
    type text not null check (length(type) between 1 and 40),
    at text not null,
    data text not null check (json_valid(data))
  ) strict`,
  'create index events_by_time on events (at)',
];

export const events: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
