import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Tag and author pages that cost the same at 1,000 articles and at 100,000.
 * - Each article_tags / article_authors row carries its article's status and listed_at, so a
 *   tag's or an author's stories come off one index in page order (before, every tagged article
 *   was read and sorted: 37 ms for a tag on 10,000 of 100,000 articles).
 * - Tags, authors and sections keep `published_count`, so lists with counts read one row per
 *   item (before, every link was counted: 590 ms for all tags at 100,000).
 * Triggers keep both right whoever writes (the Store, an import, a copy): the link rows take
 * their article's status and time when inserted and whenever it changes, and the counts follow
 * the links (and, for sections, the articles) as they come, go, or change status.
 */
/** The triggers of one link table: `link` rows point at `target` rows by `column`. */
function linkTriggers(link: string, target: string, column: string): string[] {
  return [
    // A new link takes its article's status and time (SQLite triggers cannot change NEW: the
    // row is updated right after, which the count trigger below then sees as a status change).
    `create trigger ${link}_take_listing after insert on ${link} begin
      update ${link} set (status, listed_at) =
        (select status, listed_at from articles where articles.id = new.article_id)
      where article_id = new.article_id and position = new.position;
    end`,
    `create trigger ${link}_count_insert after insert on ${link} when new.status = 'published' begin
      update ${target} set published_count = published_count + 1 where slug = new.${column};
    end`,
    `create trigger ${link}_count_delete after delete on ${link} when old.status = 'published' begin
      update ${target} set published_count = published_count - 1 where slug = old.${column};
    end`,
    `create trigger ${link}_count_update after update of status, ${column} on ${link} begin
      update ${target} set published_count = published_count - 1
        where slug = old.${column} and old.status = 'published';
      update ${target} set published_count = published_count + 1
        where slug = new.${column} and new.status = 'published';
    end`,
  ];
}

const statements = [
  'alter table article_tags add column status text',
  'alter table article_tags add column listed_at text',
  'alter table article_authors add column status text',
  'alter table article_authors add column listed_at text',
  'alter table tags add column published_count integer not null default 0',
  'alter table authors add column published_count integer not null default 0',
  'alter table sections add column published_count integer not null default 0',

  `update article_tags set (status, listed_at) =
    (select status, listed_at from articles where articles.id = article_tags.article_id)`,
  `update article_authors set (status, listed_at) =
    (select status, listed_at from articles where articles.id = article_authors.article_id)`,
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

  ...linkTriggers('article_tags', 'tags', 'tag_slug'),
  ...linkTriggers('article_authors', 'authors', 'author_slug'),
  `create trigger articles_share_listing after update of status, published_at, created_at on articles begin
    update article_tags set status = new.status, listed_at = coalesce(new.published_at, new.created_at)
      where article_id = new.id;
    update article_authors set status = new.status, listed_at = coalesce(new.published_at, new.created_at)
      where article_id = new.id;
  end`,

  `create trigger articles_count_insert after insert on articles when new.status = 'published' begin
    update sections set published_count = published_count + 1 where slug = new.section_slug;
  end`,
  `create trigger articles_count_delete after delete on articles when old.status = 'published' begin
    update sections set published_count = published_count - 1 where slug = old.section_slug;
  end`,
  `create trigger articles_count_update after update of status, section_slug on articles begin
    update sections set published_count = published_count - 1 where slug = old.section_slug and old.status = 'published';
    update sections set published_count = published_count + 1 where slug = new.section_slug and new.status = 'published';
  end`,
];

export const taxonomyListings: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
