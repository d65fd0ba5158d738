import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** SQLite's 0007 for PostgreSQL: the desk's story list, newest-updated first in each status. */
const statements = [
  'create index articles_by_status_update on articles (status, updated_at, id)',
  'create index articles_by_section_update on articles (section_slug, status, updated_at, id)',
  'create index articles_in_review on articles (status, updated_at, id) where review_requested_at is not null',
];

export const deskStoryList: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
