import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The first schema, for PostgreSQL: the same tables, columns and constraints as SQLite's 0001.
 * Every text column collates "C" (byte order, as in SQLite), so ids, slugs and timestamps sort
 * the same on both backends whatever the server's default collation. Timestamps stay
 * `toISOString()` text and JSON stays text, as on SQLite: the shared queries and cursors
 * compare them as text, and they round-trip to the exact domain values without conversion.
 *
 * Search: a stored generated `tsvector` (headline weighted A, standfirst B, body text C) over
 * the `newsroom_search` text search configuration (simple + unaccent, so case and Latin
 * accents fold as with FTS5's unicode61 remove_diacritics 2), indexed with GIN.
 */
const text = 'text collate "C"';

const statements = [
  'create extension if not exists unaccent',
  `do $$ begin
    if not exists (select 1 from pg_ts_config where cfgname = 'newsroom_search') then
      create text search configuration newsroom_search (copy = pg_catalog.simple);
      alter text search configuration newsroom_search
        alter mapping for word, hword, hword_part with unaccent, simple;
    end if;
  end $$`,
  // Final sigma folds to sigma, as unicode61 does; the query side applies the same function.
  `create or replace function newsroom_search_fold(value text) returns text
    language sql immutable parallel safe
    return translate(coalesce(value, ''), 'ς', 'σ')`,

  `create table sections (
    slug ${text} primary key,
    name ${text} not null,
    description ${text},
    sort_order integer not null default 0
  )`,

  `create table tags (
    slug ${text} primary key,
    name ${text} not null,
    description ${text},
    type ${text} not null check (type in ('topic', 'person', 'organization', 'place'))
  )`,

  `create table authors (
    slug ${text} primary key,
    name ${text} not null,
    bio ${text},
    avatar ${text}
  )`,

  `create table articles (
    seq integer generated always as identity primary key,
    id ${text} not null unique,
    slug ${text} not null unique,
    headline ${text} not null,
    standfirst ${text},
    body ${text} not null,
    body_text ${text} not null,
    status ${text} not null check (status in ('draft', 'scheduled', 'published', 'archived')),
    created_at ${text} not null,
    updated_at ${text} not null,
    published_at ${text},
    scheduled_for ${text},
    listed_at ${text} not null generated always as (coalesce(published_at, created_at)) stored,
    version integer not null check (version >= 1),
    section_slug ${text} references sections (slug),
    hero_image ${text},
    dateline ${text},
    sources ${text} not null,
    corrections ${text} not null,
    canonical_url ${text},
    seo_title ${text},
    seo_description ${text},
    language ${text} not null,
    word_count integer not null,
    reading_time_minutes integer not null,
    search tsvector generated always as (
      setweight(to_tsvector('newsroom_search'::regconfig, newsroom_search_fold(headline)), 'A') ||
      setweight(to_tsvector('newsroom_search'::regconfig, newsroom_search_fold(standfirst)), 'B') ||
      setweight(to_tsvector('newsroom_search'::regconfig, newsroom_search_fold(body_text)), 'C')
    ) stored
  )`,
  'create index articles_by_status on articles (status, listed_at, id)',
  'create index articles_by_section on articles (section_slug, status, listed_at, id)',
  'create index articles_search on articles using gin (search)',

  `create table article_authors (
    article_id ${text} not null references articles (id) on delete cascade,
    position integer not null,
    author_slug ${text} not null references authors (slug),
    primary key (article_id, position),
    unique (article_id, author_slug)
  )`,
  'create index article_authors_by_author on article_authors (author_slug, article_id)',

  `create table article_tags (
    article_id ${text} not null references articles (id) on delete cascade,
    position integer not null,
    tag_slug ${text} not null references tags (slug),
    primary key (article_id, position),
    unique (article_id, tag_slug)
  )`,
  'create index article_tags_by_tag on article_tags (tag_slug, article_id)',

  `create table comments (
    id ${text} primary key,
    article_id ${text} not null references articles (id) on delete cascade,
    parent_id ${text} references comments (id) on delete cascade,
    display_name ${text} not null,
    body ${text} not null,
    status ${text} not null check (status in ('pending', 'approved', 'rejected', 'spam')),
    created_at ${text} not null
  )`,
  'create index comments_by_article on comments (article_id, status, created_at, id)',
  'create index comments_by_parent on comments (parent_id)',

  `create table api_tokens (
    id ${text} primary key,
    name ${text} not null,
    role ${text} not null check (role in ('admin', 'editor', 'author', 'contributor')),
    author_slug ${text} references authors (slug),
    token_hash ${text} not null unique,
    created_at ${text} not null,
    revoked_at ${text}
  )`,
];

export const initialSchema: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
