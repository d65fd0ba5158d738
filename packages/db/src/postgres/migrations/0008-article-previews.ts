import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SQLite's 0008 for PostgreSQL (text collated "C", as everywhere). Preview links: a secret
 * address on the reader site that shows an article as readers will see it, before it is
 * published. Only the secret's SHA-256 is stored; a link dies with its article, and outlives
 * the person who made it (their name stays).
 */
const text = 'text collate "C"';

const statements = [
  `create table article_previews (
    id ${text} primary key,
    article_id ${text} not null references articles (id) on delete cascade,
    secret_hash ${text} not null unique check (length(secret_hash) = 64),
    purpose ${text} not null check (purpose in ('share', 'desk')),
    created_by_person_id ${text} references people (id) on delete set null,
    created_by_name ${text} not null check (length(created_by_name) between 1 and 100),
    created_at ${text} not null,
    expires_at ${text} not null,
    revoked_at ${text}
  )`,
  'create index article_previews_by_article on article_previews (article_id, purpose, created_at)',
  'create index article_previews_by_expiry on article_previews (expires_at)',
];

export const articlePreviews: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
