import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SQLite's 0005 for PostgreSQL: link rows carry their article's status and listed_at, and tags,
 * authors and sections keep `published_count`, both kept right by triggers. Here a BEFORE
 * INSERT trigger fills a new link row directly.
 */
const text = 'text collate "C"';

/** The count triggers for one link table: `link` rows point at `target` rows by `column`. */
function linkCountTriggers(link: string, target: string, column: string): string[] {
  return [
    `create function ${link}_take_listing() returns trigger language plpgsql as $$
    begin
      select status, listed_at into new.status, new.listed_at from articles where id = new.article_id;
      return new;
    end $$`,
    `create trigger ${link}_take_listing before insert on ${link}
      for each row execute function ${link}_take_listing()`,
    `create function ${link}_count() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') and old.status = 'published' then
        update ${target} set published_count = published_count - 1 where slug = old.${column};
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' then
        update ${target} set published_count = published_count + 1 where slug = new.${column};
      end if;
      return null;
    end $$`,
    `create trigger ${link}_count after insert or delete or update of status, ${column} on ${link}
      for each row execute function ${link}_count()`,
  ];
}

const statements = [
  `alter table article_tags add column status ${text}, add column listed_at ${text}`,
  `alter table article_authors add column status ${text}, add column listed_at ${text}`,
  'alter table tags add column published_count integer not null default 0',
  'alter table authors add column published_count integer not null default 0',
  'alter table sections add column published_count integer not null default 0',

  `update article_tags set status = articles.status, listed_at = articles.listed_at
    from articles where articles.id = article_tags.article_id`,
  `update article_authors set status = articles.status, listed_at = articles.listed_at
    from articles where articles.id = article_authors.article_id`,
  `update tags set published_count =
    (select count(*) from article_tags where tag_slug = tags.slug and status = 'published')`,
  `update authors set published_count =
    (select count(*) from article_authors where author_slug = authors.slug and status = 'published')`,
  `update sections set published_count =
    (select count(*) from articles where section_slug = sections.slug and status = 'published')`,

  'drop index article_tags_by_tag',
  'create index article_tags_by_listing on article_tags (tag_slug, status, listed_at, article_id)',
  'drop index article_authors_by_author',
  'create index article_authors_by_listing on article_authors (author_slug, status, listed_at, article_id)',

  ...linkCountTriggers('article_tags', 'tags', 'tag_slug'),
  ...linkCountTriggers('article_authors', 'authors', 'author_slug'),

  `create function articles_share_listing() returns trigger language plpgsql as $$
  begin
    update article_tags set status = new.status, listed_at = new.listed_at where article_id = new.id;
    update article_authors set status = new.status, listed_at = new.listed_at where article_id = new.id;
    return null;
  end $$`,
  `create trigger articles_share_listing after update of status, published_at, created_at on articles
    for each row execute function articles_share_listing()`,

  `create function articles_count() returns trigger language plpgsql as $$
  begin
    if tg_op in ('DELETE', 'UPDATE') and old.status = 'published' then
      update sections set published_count = published_count - 1 where slug = old.section_slug;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' then
      update sections set published_count = published_count + 1 where slug = new.section_slug;
    end if;
    return null;
  end $$`,
  `create trigger articles_count after insert or delete or update of status, section_slug on articles
    for each row execute function articles_count()`,
];

export const taxonomyListings: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
