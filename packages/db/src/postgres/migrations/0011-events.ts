import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SQLite's 0011 for PostgreSQL: the outbox, each change's event written in the change's own
 * transaction. Ids come from an identity; writers take one advisory lock before adding an
 * event (kysely/event-outbox.ts), so ids become visible in order and a reader that has seen id
 * n has seen every id below it.
 */
const text = 'text collate "C"';

const statements = [
  `create table events (
    id bigint generated always as identity primary key,
    type ${text} not null check (length(type) between 1 and 40),
    at ${text} not null,
    data ${text} not null
  )`,
  'create index events_by_time on events (at)',
];

export const events: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
