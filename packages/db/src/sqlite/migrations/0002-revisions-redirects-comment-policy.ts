import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Editorial history and reader-facing extras: related picks, comment policy and review
 * requests on articles; saved revisions; slug redirects; and the indexes that the scheduler
 * and the moderation queue read. Existing rows get the defaults (no picks, moderated
 * comments, no review requested). The full-text table of 0001 already uses the tokenizer
 * search needs (unicode61, remove_diacritics 2), so it is left as it is.
 */
const statements = [
  // Editor-picked related stories: a JSON array of article slugs, in order.
  `alter table articles add column related_slugs text not null default '[]'`,
  `alter table articles add column comment_policy text not null default 'moderated'
    check (comment_policy in ('moderated', 'open', 'closed'))`,
  'alter table articles add column review_requested_at text',

  // The scheduler's query: scheduled articles whose time has come, oldest first.
  'create index articles_by_schedule on articles (status, scheduled_for)',

  // The article as it was after each saved change. The version increases with every save,
  // so (article_id, version) is unique and is the true order of saves: timestamps come from
  // the callers' clocks and may tie within a millisecond.
  `create table article_revisions (
    id text primary key,
    article_id text not null references articles (id) on delete cascade,
    version integer not null check (version >= 1),
    kind text not null check (kind in ('created', 'updated', 'status', 'corrected', 'restored')),
    created_at text not null,
    actor_token_id text,
    actor_name text not null,
    snapshot text not null
  ) strict`,
  'create unique index article_revisions_by_article on article_revisions (article_id, version desc)',

  // Old slugs of renamed articles, tags, sections and authors, so links keep working.
  `create table slug_redirects (
    kind text not null check (kind in ('article', 'tag', 'section', 'author')),
    old_slug text not null,
    new_slug text not null,
    created_at text not null,
    primary key (kind, old_slug),
    check (old_slug <> new_slug)
  ) strict, without rowid`,
  // Renames rewrite the redirects that pointed at the old slug, found through this index.
  'create index slug_redirects_by_target on slug_redirects (kind, new_slug)',

  // The moderation queue: comments in one status, oldest first, across articles.
  'create index comments_by_status on comments (status, created_at, id)',
];

export const revisionsRedirectsCommentPolicy: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
