import {
  DeskStoryListQuerySchema,
  decodeCursor,
  decodeSearchCursor,
  encodeCursor,
  encodeSearchCursor,
  limits,
  parseSearchQuery,
} from '@newsroom/domain';
import type { Kysely } from 'kysely';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { ArticleRepository } from '../store.js';
import { articleBy, articleListRows, publishedSummaries } from './article-queries.js';
import { refsOf } from './article-references.js';
import { revisionById, revisionsPage } from './article-revisions.js';
import { summaryOf } from './article-rows.js';
import { createArticleWrites } from './article-writes.js';
import type { Database } from './database.js';
import { deskPageQuery, deskStoriesOf } from './desk-story-list.js';
import type { Outbox } from './event-outbox.js';
import type { FullTextSearch } from './full-text-search.js';
import { pageLimitOf } from './page-limit.js';
import { relatedArticles } from './related-articles.js';

/** Articles: reading is here; every change goes through the write path in article-writes.ts. */
export function createArticleRepository(
  db: Kysely<Database>,
  fullText: FullTextSearch,
  outbox: Outbox,
): ArticleRepository {
  return {
    async list(query) {
      const limit = pageLimitOf(query.limit);
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !after) {
        throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
      }
      const rows = await articleListRows(db, query, after, limit + 1);
      const page = rows.slice(0, limit);
      const refs = await refsOf(
        db,
        page.map((row) => row.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => summaryOf(row, refs.get(row.id) ?? { authors: [], tags: [] })),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.listed_at, id: last.id }) : null,
      };
    },

    async bySlug(slug, options) {
      const status = options?.status ?? 'published';
      return articleBy(db, { slug }, status === 'any' ? undefined : [status]);
    },

    async byId(id) {
      return articleBy(db, { id });
    },

    async search(query) {
      // Not parsed with ArticleSearchInputSchema: a query with no word to look for (only
      // punctuation, only exclusions) finds nothing rather than failing.
      const text = typeof query.q === 'string' ? query.q.trim() : '';
      if (text.length > limits.searchQuery) {
        throw new InvalidInputError(`search text must be at most ${limits.searchQuery} characters`);
      }
      const after = query.cursor ? decodeSearchCursor(query.cursor) : null;
      if (query.cursor && !after) {
        throw new InvalidInputError(
          'cursor is not valid; use nextCursor from a previous page of the same search',
        );
      }
      const parsed = parseSearchQuery(text);
      if (parsed.include.length === 0) return { items: [], nextCursor: null };
      const limit = pageLimitOf(query.limit);
      const hits = await fullText.rank(db, parsed, after, limit + 1);
      const page = hits.slice(0, limit);
      const ids = page.map((hit) => hit.id);
      const summaries = await publishedSummaries(db, { ids });
      const snippets = await fullText.snippets(db, parsed, ids);
      const last = page.at(-1);
      return {
        // An article unpublished between the two reads is left out rather than shown.
        items: page.flatMap((hit) => {
          const summary = summaries.get(hit.id);
          return summary ? [{ ...summary, snippet: snippets.get(hit.id) ?? [] }] : [];
        }),
        nextCursor: hits.length > limit && last ? encodeSearchCursor({ rank: last.rank, id: last.id }) : null,
      };
    },

    async deskList(raw) {
      const parsed = DeskStoryListQuerySchema.safeParse(raw);
      if (!parsed.success) {
        throw new InvalidInputError(parsed.error.issues.map((issue) => issue.message).join('; '));
      }
      const query = parsed.data;
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const words = query.q === undefined ? null : fullText.matchCondition(parseSearchQuery(query.q));
      // Words the engine cannot look for (only combining marks) match nothing, as in search.
      if (query.q !== undefined && words === null) return { items: [], nextCursor: null };
      const keys = await deskPageQuery(db, query, words, after, query.limit + 1).execute();
      const page = keys.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await deskStoriesOf(db, page),
        nextCursor:
          keys.length > query.limit && last ? encodeCursor({ at: last.updated_at, id: last.id }) : null,
      };
    },

    async related(id, limit) {
      const article = await articleBy(db, { id }, ['published']);
      if (!article) throw new NotFoundError(`no published article has the id ${id}`);
      return relatedArticles(db, article, limit);
    },

    async revisions(id, query) {
      const found = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) throw new NotFoundError(`no article has the id ${id}`);
      return revisionsPage(db, id, query);
    },

    revision(id, revisionId) {
      return revisionById(db, id, revisionId);
    },

    ...createArticleWrites(db, outbox),
  };
}
