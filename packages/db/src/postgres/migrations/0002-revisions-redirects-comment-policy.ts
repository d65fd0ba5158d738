import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** SQLite's 0002 for PostgreSQL: related picks, comment policy, revisions, redirects. */
const text = 'text collate "C"';

const statements = [
  `alter table articles add column related_slugs ${text} not null default '[]'`,
  `alter table articles add column comment_policy ${text} not null default 'moderated'
    check (comment_policy in ('moderated', 'open', 'closed'))`,
  `alter table articles add column review_requested_at ${text}`,
  'create index articles_by_schedule on articles (status, scheduled_for)',
  `create table article_revisions (
    id ${text} primary key,
    article_id ${text} not null references articles (id) on delete cascade,
    version integer not null check (version >= 1),
    kind ${text} not null check (kind in ('created', 'updated', 'status', 'corrected', 'restored')),
    created_at ${text} not null,
    actor_token_id ${text},
    actor_name ${text} not null,
    snapshot ${text} not null
  )`,
  'create unique index article_revisions_by_article on article_revisions (article_id, version desc)',
  `create table slug_redirects (
    kind ${text} not null check (kind in ('article', 'tag', 'section', 'author')),
    old_slug ${text} not null,
    new_slug ${text} not null,
    created_at ${text} not null,
    primary key (kind, old_slug),
    check (old_slug <> new_slug)
  )`,
  'create index slug_redirects_by_target on slug_redirects (kind, new_slug)',
  'create index comments_by_status on comments (status, created_at, id)',
];

export const revisionsRedirectsCommentPolicy: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
