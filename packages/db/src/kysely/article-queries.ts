import type {
  Article,
  ArticleListQuery,
  ArticleStatus,
  ArticleSummary,
  CursorPosition,
} from '@newsroom/domain';
import { type Kysely, sql } from 'kysely';
import { NotFoundError } from '../errors.js';
import { refsOf } from './article-references.js';
import { articleOf, summaryOf } from './article-rows.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.standfirst',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
  'articles.listed_at',
  'articles.section_slug',
  'articles.hero_image',
  'articles.reading_time_minutes',
  'sections.name as section_name',
] as const;

type ListFilters = Pick<ArticleListQuery, 'section' | 'tag' | 'author' | 'status' | 'from' | 'to'>;
type SummaryRow = Awaited<ReturnType<ReturnType<typeof articleListQuery>['execute']>>[number];

/**
 * One page of summary rows, newest first. Keyset pagination: the cursor is the (listed_at, id)
 * of the last row already seen, so a page is an index range read however deep the reader goes,
 * and rows published meanwhile neither repeat nor go missing. A tag's or an author's page is
 * read off its link table's listing index first (linkedListQuery), then its rows by id.
 */
export async function articleListRows(
  db: Kysely<Database>,
  query: ListFilters,
  after: CursorPosition | null,
  fetchLimit: number,
): Promise<SummaryRow[]> {
  if (!query.tag && !query.author) return articleListQuery(db, query, after, fetchLimit).execute();
  const { rows: page } = await linkedListQuery(query, after, fetchLimit).execute(db);
  if (page.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.slug', 'articles.section_slug')
    .select(summaryColumns)
    .where(
      'articles.id',
      'in',
      page.map((row) => row.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((row) => byId.get(row.id) ?? []);
}

/**
 * The ids of a page of a tag's (or else an author's) articles, from the link table: its rows
 * carry each article's status and listed_at (migration 0005), so the page is one range of the
 * listing index whatever the newsroom's size. Other filters narrow it by subquery.
 */
export function linkedListQuery(query: ListFilters, after: CursorPosition | null, fetchLimit: number) {
  const [table, column, value] = query.tag
    ? (['article_tags', 'tag_slug', query.tag] as const)
    : (['article_authors', 'author_slug', query.author ?? ''] as const);
  const conditions = [sql`${sql.ref(column)} = ${value}`, sql`status = ${query.status ?? 'published'}`];
  if (query.tag && query.author) {
    conditions.push(
      sql`article_id in (select article_id from article_authors where author_slug = ${query.author})`,
    );
  }
  if (query.section) {
    conditions.push(sql`article_id in (select id from articles where section_slug = ${query.section})`);
  }
  if (query.from || query.to) {
    conditions.push(sql`article_id in (select id from articles where published_at is not null)`);
  }
  if (query.from) conditions.push(sql`listed_at >= ${isoUtc(query.from)}`);
  if (query.to) conditions.push(sql`listed_at < ${isoUtc(query.to)}`);
  if (after) conditions.push(sql`(listed_at, article_id) < (${isoUtc(after.at)}, ${after.id})`);
  return sql<{ id: string }>`
    select article_id as id from ${sql.table(table)}
    where ${sql.join(conditions, sql` and `)}
    order by listed_at desc, article_id desc
    limit ${fetchLimit}`;
}

/** The page of articles for lists without a tag or author: off the articles' own indexes. */
export function articleListQuery(
  db: Kysely<Database>,
  query: Omit<ListFilters, 'tag' | 'author'>,
  after: CursorPosition | null,
  fetchLimit: number,
) {
  let select = db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.slug', 'articles.section_slug')
    .select(summaryColumns)
    .where('articles.status', '=', query.status ?? 'published');
  if (query.section) select = select.where('articles.section_slug', '=', query.section);
  // from/to are about publication time. Once an article has a published_at, listed_at equals
  // it, so the range goes on listed_at, where the index can use it.
  if (query.from || query.to) select = select.where('articles.published_at', 'is not', null);
  if (query.from) select = select.where('articles.listed_at', '>=', isoUtc(query.from));
  if (query.to) select = select.where('articles.listed_at', '<', isoUtc(query.to));
  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('articles.listed_at', 'articles.id'), '<', tuple(isoUtc(after.at), after.id)),
    );
  }
  return select.orderBy('articles.listed_at', 'desc').orderBy('articles.id', 'desc').limit(fetchLimit);
}

/** One whole article row by id or slug, in the given statuses (all when undefined). */
export function articleRowQuery(
  db: Kysely<Database>,
  by: { id: string } | { slug: string },
  statuses?: readonly ArticleStatus[],
) {
  let select = db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.slug', 'articles.section_slug')
    .selectAll('articles')
    .select('sections.name as section_name');
  select = 'id' in by ? select.where('articles.id', '=', by.id) : select.where('articles.slug', '=', by.slug);
  if (statuses) select = select.where('articles.status', 'in', statuses);
  return select;
}

/**
 * Summaries of the published articles among the given ids or slugs, by id, in three queries
 * whatever their number (rows, bylines, tags). Callers put them in their own order.
 */
export async function publishedSummaries(
  db: Kysely<Database>,
  by: { ids: readonly string[] } | { slugs: readonly string[] },
): Promise<Map<string, ArticleSummary>> {
  const keys = 'ids' in by ? by.ids : by.slugs;
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.slug', 'articles.section_slug')
    .select(summaryColumns)
    .where('articles.status', '=', 'published')
    .where('ids' in by ? 'articles.id' : 'articles.slug', 'in', keys)
    .execute();
  const refs = await refsOf(
    db,
    rows.map((row) => row.id),
  );
  return new Map(
    rows.map((row) => [row.id, summaryOf(row, refs.get(row.id) ?? { authors: [], tags: [] })] as const),
  );
}

/** Scheduled articles whose time has come, soonest first: what publishDue reads each round. */
export function dueScheduledQuery(db: Kysely<Database>, at: string, limit: number) {
  return db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_for', '<=', at)
    .orderBy('scheduled_for')
    .orderBy('id')
    .limit(limit);
}

/** One article in full, by id or slug, in any status or only in `statuses`. */
export async function articleBy(
  db: Kysely<Database>,
  by: { id: string } | { slug: string },
  statuses?: readonly ArticleStatus[],
): Promise<Article | null> {
  const row = await articleRowQuery(db, by, statuses).executeTakeFirst();
  if (!row) return null;
  const refs = await refsOf(db, [row.id]);
  return articleOf(row, refs.get(row.id) ?? { authors: [], tags: [] });
}

export function mustExist(article: Article | null, id: string): Article {
  if (!article) throw new NotFoundError(`no article has the id ${id}`);
  return article;
}
