import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The first schema. Tables are STRICT so a value of the wrong type is refused instead of
 * stored; CHECK constraints repeat the domain's enums as a last line of defence.
 */
const statements = [
  `create table sections (
    slug text primary key,
    name text not null,
    description text,
    sort_order integer not null default 0
  ) strict`,

  `create table tags (
    slug text primary key,
    name text not null,
    description text,
    type text not null check (type in ('topic', 'person', 'organization', 'place'))
  ) strict`,

  `create table authors (
    slug text primary key,
    name text not null,
    bio text,
    avatar text
  ) strict`,

  `create table articles (
    seq integer primary key,
    id text not null unique,
    slug text not null unique,
    headline text not null,
    standfirst text,
    body text not null,
    body_text text not null,
    status text not null check (status in ('draft', 'scheduled', 'published', 'archived')),
    created_at text not null,
    updated_at text not null,
    published_at text,
    scheduled_for text,
    listed_at text not null generated always as (coalesce(published_at, created_at)) stored,
    version integer not null check (version >= 1),
    section_slug text references sections (slug),
    hero_image text,
    dateline text,
    sources text not null,
    corrections text not null,
    canonical_url text,
    seo_title text,
    seo_description text,
    language text not null,
    word_count integer not null,
    reading_time_minutes integer not null
  ) strict`,
  // Every list reads one of these two in order, so pages come off the index without a sort.
  'create index articles_by_status on articles (status, listed_at, id)',
  'create index articles_by_section on articles (section_slug, status, listed_at, id)',

  `create table article_authors (
    article_id text not null references articles (id) on delete cascade,
    position integer not null,
    author_slug text not null references authors (slug),
    primary key (article_id, position),
    unique (article_id, author_slug)
  ) strict, without rowid`,
  'create index article_authors_by_author on article_authors (author_slug, article_id)',

  `create table article_tags (
    article_id text not null references articles (id) on delete cascade,
    position integer not null,
    tag_slug text not null references tags (slug),
    primary key (article_id, position),
    unique (article_id, tag_slug)
  ) strict, without rowid`,
  'create index article_tags_by_tag on article_tags (tag_slug, article_id)',

  `create table comments (
    id text primary key,
    article_id text not null references articles (id) on delete cascade,
    parent_id text references comments (id) on delete cascade,
    display_name text not null,
    body text not null,
    status text not null check (status in ('pending', 'approved', 'rejected', 'spam')),
    created_at text not null
  ) strict`,
  'create index comments_by_article on comments (article_id, status, created_at, id)',
  'create index comments_by_parent on comments (parent_id)',

  `create table api_tokens (
    id text primary key,
    name text not null,
    role text not null check (role in ('admin', 'editor', 'author', 'contributor')),
    author_slug text references authors (slug),
    token_hash text not null unique,
    created_at text not null,
    revoked_at text
  ) strict`,

  // Full-text index over the words a reader sees. External content: the text lives once, in
  // articles, and the triggers below keep the index in step with every write path.
  `create virtual table article_search using fts5 (
    headline, standfirst, body_text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  `create trigger article_search_insert after insert on articles begin
    insert into article_search (rowid, headline, standfirst, body_text)
    values (new.seq, new.headline, new.standfirst, new.body_text);
  end`,
  `create trigger article_search_delete after delete on articles begin
    insert into article_search (article_search, rowid, headline, standfirst, body_text)
    values ('delete', old.seq, old.headline, old.standfirst, old.body_text);
  end`,
  `create trigger article_search_update after update of headline, standfirst, body_text on articles begin
    insert into article_search (article_search, rowid, headline, standfirst, body_text)
    values ('delete', old.seq, old.headline, old.standfirst, old.body_text);
    insert into article_search (rowid, headline, standfirst, body_text)
    values (new.seq, new.headline, new.standfirst, new.body_text);
  end`,
];

export const initialSchema: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
