import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * API tokens an admin can oversee: when each was last used (kept to the minute, so a busy
 * token is not a write per call) and an optional time after which it stops working. The
 * index gives the admins' list, newest first, in keyset pages.
 */
const statements = [
  'alter table api_tokens add column last_used_at text',
  'alter table api_tokens add column expires_at text',
  'create index api_tokens_by_created on api_tokens (created_at, id)',
];

export const tokenExpiryAndUse: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
