import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What each imported article was made from, so importing the same copy again is recognised:
 * by the copy's own identity (a feed item's guid, a front-matter id) when it has one, else by
 * the hash of its text. `imported_version` is the article version the import wrote: a stored
 * version above it means someone edited the article since, and a re-import leaves it alone.
 * One row per article; it goes with the article (ON DELETE CASCADE).
 */
const statements = [
  `create table article_imports (
    article_id text primary key references articles (id) on delete cascade,
    source_id text,
    content_hash text not null check (length(content_hash) = 64),
    imported_version integer not null check (imported_version >= 1),
    imported_at text not null
  ) strict, without rowid`,
  // Unique when set: two stories may both lack an identity, never share one.
  'create unique index article_imports_by_source on article_imports (source_id) where source_id is not null',
  // Copy without an identity is found by its text, the latest import first, off the index.
  'create index article_imports_by_hash on article_imports (content_hash, imported_at)',
];

export const articleImports: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
