import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** SQLite's 0009 for PostgreSQL: when each API token was last used, and when it expires. */
const text = 'text collate "C"';

const statements = [
  `alter table api_tokens add column last_used_at ${text}`,
  `alter table api_tokens add column expires_at ${text}`,
  'create index api_tokens_by_created on api_tokens (created_at, id)',
];

export const tokenExpiryAndUse: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
