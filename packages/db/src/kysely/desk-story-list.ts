import {
  type CursorPosition,
  type DeskStatusFilter,
  type DeskStory,
  type DeskStoryListQuery,
  deskStatusFilters,
  deskStatusOf,
} from '@newsroom/domain';
import type { Compilable, Kysely, RawBuilder, SqlBool } from 'kysely';
import { sectionRefOf } from './article-rows.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';

/*
 * The desk's story list: every status, newest-updated first. Each stored status is read on its
 * own, as one range of an index in (updated_at, id) order (migration 0007), and their pages are
 * merged: a page costs at most `limit + 1` rows per status however large the newsroom, where
 * one query over several statuses would have to sort every story they hold.
 */

type DeskFilters = Pick<DeskStoryListQuery, 'statuses' | 'section' | 'author' | 'bylineOf'>;

/** The sort key of a row of the list, which is also its cursor position. */
export interface DeskKey {
  id: string;
  updated_at: string;
}

type DeskKeyQuery = Compilable<DeskKey> & { execute(): Promise<DeskKey[]> };

/**
 * One stored status's part of a page, newest-updated first, strictly after the cursor.
 * `words` is the backend's full-text condition (FullTextSearch.matchCondition), if any.
 */
export function deskStatusPageQuery(
  db: Kysely<Database>,
  filter: DeskStatusFilter,
  query: DeskFilters,
  words: RawBuilder<SqlBool> | null,
  after: CursorPosition | null,
  fetchLimit: number,
) {
  let select = db
    .selectFrom('articles')
    .select(['articles.id', 'articles.updated_at'])
    .where('articles.status', '=', filter.status);
  if (filter.reviewRequested !== undefined) {
    select = select.where('articles.review_requested_at', filter.reviewRequested ? 'is not' : 'is', null);
  }
  if (query.section) select = select.where('articles.section_slug', '=', query.section);
  for (const author of new Set([query.author, query.bylineOf])) {
    if (author === undefined) continue;
    select = select.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_authors.article_id').where('author_slug', '=', author),
    );
  }
  if (words) select = select.where(words);
  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('articles.updated_at', 'articles.id'), '<', tuple(isoUtc(after.at), after.id)),
    );
  }
  return select.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').limit(fetchLimit);
}

/** The keys of one page of the list: each status's part, merged in (updated_at, id) order. */
export function deskPageQuery(
  db: Kysely<Database>,
  query: DeskFilters,
  words: RawBuilder<SqlBool> | null,
  after: CursorPosition | null,
  fetchLimit: number,
): DeskKeyQuery {
  const parts = deskStatusFilters(query.statuses).map((filter) =>
    deskStatusPageQuery(db, filter, query, words, after, fetchLimit),
  );
  const [first, ...rest] = parts;
  if (!first) throw new RangeError('deskStatusFilters gave no status to read');
  if (rest.length === 0) return first;
  // Each part is wrapped in its own select: SQLite allows no ORDER BY or LIMIT on the members
  // of a compound select, only on subqueries.
  const wrapped = parts.map((part, index) =>
    db.selectFrom(part.as(`part${index}`)).select([`part${index}.id`, `part${index}.updated_at`]),
  );
  const [head, ...tail] = wrapped as [(typeof wrapped)[number], ...typeof wrapped];
  const merged = tail.reduce((union, part) => union.unionAll(part), head);
  return db
    .selectFrom(merged.as('parts'))
    .select(['parts.id', 'parts.updated_at'])
    .orderBy('parts.updated_at', 'desc')
    .orderBy('parts.id', 'desc')
    .limit(fetchLimit);
}

/**
 * The rows of a page, in the keys' order: three queries whatever the page's size (articles
 * with their sections, bylines, newest revisions). A story deleted between the reads is left out.
 */
export async function deskStoriesOf(db: Kysely<Database>, keys: readonly DeskKey[]): Promise<DeskStory[]> {
  if (keys.length === 0) return [];
  const ids = keys.map((key) => key.id);
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.slug', 'articles.section_slug')
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.status',
      'articles.version',
      'articles.updated_at',
      'articles.review_requested_at',
      'articles.scheduled_for',
      'articles.published_at',
      'articles.section_slug',
      'sections.name as section_name',
    ])
    .where('articles.id', 'in', ids)
    .execute();
  const bylines = await bylinesOf(db, ids);
  const lastChanges = await lastChangesOf(db, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id): DeskStory[] => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        slug: row.slug,
        headline: row.headline,
        status: deskStatusOf({ status: row.status, reviewRequestedAt: row.review_requested_at }),
        section: sectionRefOf(row),
        authors: bylines.get(id) ?? [],
        version: row.version,
        updatedAt: row.updated_at,
        reviewRequestedAt: row.review_requested_at,
        scheduledFor: row.scheduled_for,
        publishedAt: row.published_at,
        lastChange: lastChanges.get(id) ?? null,
      },
    ];
  });
}

async function bylinesOf(db: Kysely<Database>, ids: readonly string[]) {
  const rows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.slug', 'article_authors.author_slug')
    .select(['article_authors.article_id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  const bylines = new Map<string, DeskStory['authors']>();
  for (const { article_id, slug, name } of rows) {
    const byline = bylines.get(article_id) ?? [];
    byline.push({ slug, name });
    bylines.set(article_id, byline);
  }
  return bylines;
}

/** Who saved each article last, and when: its highest-version revision, through its index. */
export function lastChangesQuery(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('article_revisions as newest')
    .select(['newest.article_id', 'newest.actor_name', 'newest.created_at'])
    .where('newest.article_id', 'in', ids)
    .where('newest.version', '=', (eb) =>
      eb
        .selectFrom('article_revisions as other')
        .select((inner) => inner.fn.max('other.version').as('version'))
        .whereRef('other.article_id', '=', 'newest.article_id'),
    );
}

async function lastChangesOf(db: Kysely<Database>, ids: readonly string[]) {
  const rows = await lastChangesQuery(db, ids).execute();
  return new Map(rows.map((row) => [row.article_id, { at: row.created_at, by: row.actor_name }] as const));
}
