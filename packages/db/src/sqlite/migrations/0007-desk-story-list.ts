import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The desk's story list reads articles newest-updated first, one stored status at a time
 * (store.articles.deskList merges the statuses' pages), so each status, and each status within
 * a section, is one range of an index already in that order. Drafts waiting for review have
 * an index of their own: they are few among many drafts, and the review queue is read often.
 */
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
