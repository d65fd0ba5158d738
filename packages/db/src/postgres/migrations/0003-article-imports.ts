import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** SQLite's 0003 for PostgreSQL: what each imported article was made from. */
const text = 'text collate "C"';

const statements = [
  `create table article_imports (
    article_id ${text} primary key references articles (id) on delete cascade,
    source_id ${text},
    content_hash ${text} not null check (length(content_hash) = 64),
    imported_version integer not null check (imported_version >= 1),
    imported_at ${text} not null
  )`,
  'create unique index article_imports_by_source on article_imports (source_id) where source_id is not null',
  'create index article_imports_by_hash on article_imports (content_hash, imported_at)',
];

export const articleImports: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
