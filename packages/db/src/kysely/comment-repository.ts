import { randomUUID } from 'node:crypto';
import {
  type Comment,
  type CommentArticle,
  type CommentStatus,
  CreateCommentInputSchema,
  type CursorPosition,
  commentCacheKeys,
  commentStatuses,
  decodeCursor,
  encodeCursor,
  limits,
  type QueuedComment,
  systemActor,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { CommentsClosedError, InvalidInputError, NotFoundError } from '../errors.js';
import type { CommentRepository, CommentThread, WriteOptions } from '../store.js';
import type { CommentsTable, Database } from './database.js';
import { eventActorOf, type Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';

/**
 * Replies shown under one top-level comment, oldest first. Threads are one level deep and
 * replies are not paginated, so this bounds what one page of threads can cost.
 */
export const maxRepliesPerThread = 100;

export function createCommentRepository(db: Kysely<Database>, outbox: Outbox): CommentRepository {
  return {
    async list(articleId, query) {
      await publishedArticle(db, articleId);
      const limit = pageLimitOf(query.limit);
      const after = cursorOf(query.cursor);
      const newest = query.order === 'newest';
      let select = db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved')
        .where('parent_id', 'is', null);
      if (after) {
        select = select.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('created_at', 'id'), newest ? '<' : '>', tuple(isoUtc(after.at), after.id)),
        );
      }
      const direction = newest ? 'desc' : 'asc';
      const rows = await select
        .orderBy('created_at', direction)
        .orderBy('id', direction)
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const replies = await approvedReplies(
        db,
        page.map((row) => row.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((row): CommentThread => ({ ...commentOf(row), replies: replies.get(row.id) ?? [] })),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async countByStatus() {
      const rows = await db
        .selectFrom('comments')
        .select((eb) => ['status', eb.fn.countAll<number | string | bigint>().as('count')])
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(commentStatuses.map((status) => [status, 0])) as Record<
        CommentStatus,
        number
      >;
      for (const row of rows) counts[row.status as CommentStatus] = Number(row.count);
      return counts;
    },

    async listByStatus(status, query) {
      assertStatus(status);
      const limit = pageLimitOf(query.limit);
      const order = query.order ?? 'oldest';
      const rows = await commentsByStatusQuery(
        db,
        status,
        cursorOf(query.cursor),
        limit + 1,
        order,
      ).execute();
      const page = rows.slice(0, limit);
      const articles = await commentArticles(db, [...new Set(page.map((row) => row.article_id))]);
      const last = page.at(-1);
      return {
        items: page.flatMap((row): QueuedComment[] => {
          const article = articles.get(row.article_id);
          // A comment dies with its article (ON DELETE CASCADE), so each has one.
          return article ? [{ ...commentOf(row), article }] : [];
        }),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async create(raw, options) {
      const input = CreateCommentInputSchema.parse(raw);
      const createdAt = isoUtc(options?.now ?? new Date());
      return db.transaction().execute(async (trx) => {
        const article = await publishedArticle(trx, input.articleId);
        if (article.comment_policy === 'closed') {
          throw new CommentsClosedError('comments are closed on this article');
        }
        let parentId: string | null = null;
        if (input.parentId) {
          const parent = await trx
            .selectFrom('comments')
            .select(['id', 'parent_id'])
            .where('id', '=', input.parentId)
            .where('article_id', '=', input.articleId)
            .executeTakeFirst();
          if (!parent) throw new NotFoundError(`no comment ${input.parentId} on this article to reply to`);
          parentId = parent.parent_id ?? parent.id;
        }
        const row: Selectable<CommentsTable> = {
          id: randomUUID(),
          article_id: input.articleId,
          parent_id: parentId,
          display_name: input.displayName,
          body: input.body,
          status: article.comment_policy === 'open' ? 'approved' : 'pending',
          created_at: createdAt,
        };
        await trx.insertInto('comments').values(row).execute();
        await outbox.record(
          trx,
          {
            type: 'comment.created',
            actor: readerActor,
            cacheKeys: commentCacheKeys(article.id, row.status === 'approved'),
            comment: { id: row.id, status: row.status },
            article: { id: article.id, slug: article.slug },
            seenByReaders: row.status === 'approved',
          },
          createdAt,
        );
        return commentOf(row);
      });
    },

    async setStatus(id, status, options) {
      const [changed] = await moderate(db, outbox, [id], status, options);
      if (!changed) throw new NotFoundError(`no comment has the id ${id}`);
      return changed;
    },

    async setStatusMany(ids, status, options) {
      if (ids.length > limits.moderationBatch) {
        throw new InvalidInputError(`at most ${limits.moderationBatch} comments can be moderated at once`);
      }
      return moderate(db, outbox, ids, status, options);
    },
  };
}

/** Who writes a reader's comment, in its event: readers have no account, and give only a display name. */
const readerActor = { kind: 'system', id: null, name: 'reader' } as const;

/**
 * Sets the status of the comments found among `ids`, each with its event (approved, or
 * rejected for rejected and spam alike) when its status changes, in one transaction. Returns
 * those found, in the order of `ids`.
 */
async function moderate(
  db: Kysely<Database>,
  outbox: Outbox,
  ids: readonly string[],
  status: CommentStatus,
  options: WriteOptions = {},
): Promise<Comment[]> {
  assertStatus(status);
  if (ids.length === 0) return [];
  const at = isoUtc(options.now ?? new Date());
  const actor = eventActorOf(options.actor ?? systemActor);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .select(['comments.id', 'comments.status', 'comments.article_id', 'articles.slug'])
      .where('comments.id', 'in', ids)
      .execute();
    await trx.updateTable('comments').set({ status }).where('id', 'in', ids).execute();
    const rows = await trx.selectFrom('comments').selectAll().where('id', 'in', ids).execute();
    for (const old of before.filter((row) => row.status !== status)) {
      const seenByReaders = old.status === 'approved' || status === 'approved';
      await outbox.record(
        trx,
        {
          type: status === 'approved' ? 'comment.approved' : 'comment.rejected',
          actor,
          cacheKeys: commentCacheKeys(old.article_id, seenByReaders),
          comment: { id: old.id, status },
          article: { id: old.article_id, slug: old.slug },
          seenByReaders,
        },
        at,
      );
    }
    const byId = new Map(rows.map((row) => [row.id, commentOf(row)]));
    return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  });
}

/** The articles of a page of queued comments, by id: one query for the whole page. */
async function commentArticles(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, CommentArticle>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'status', 'comment_policy', 'version'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        headline: row.headline,
        status: row.status,
        commentPolicy: row.comment_policy,
        version: Number(row.version),
      },
    ]),
  );
}

/**
 * The moderation queue: comments in one status across articles, oldest or newest first, after
 * `after`. Either way it reads comments_by_status in order (forwards or backwards).
 */
export function commentsByStatusQuery(
  db: Kysely<Database>,
  status: CommentStatus,
  after: CursorPosition | null,
  fetchLimit: number,
  order: 'oldest' | 'newest' = 'oldest',
) {
  const newest = order === 'newest';
  let select = db.selectFrom('comments').selectAll().where('status', '=', status);
  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('created_at', 'id'), newest ? '<' : '>', tuple(isoUtc(after.at), after.id)),
    );
  }
  const direction = newest ? 'desc' : 'asc';
  return select.orderBy('created_at', direction).orderBy('id', direction).limit(fetchLimit);
}

function assertStatus(status: CommentStatus): void {
  if (!commentStatuses.includes(status)) throw new InvalidInputError(`unknown comment status "${status}"`);
}

function cursorOf(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  const after = decodeCursor(cursor);
  if (!after) throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
  return after;
}

/** Readers comment on, and read the comments of, published articles only. */
async function publishedArticle(db: Kysely<Database>, articleId: string) {
  const found = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'comment_policy'])
    .where('id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!found) throw new NotFoundError(`no published article has the id ${articleId}`);
  return found;
}

/** The approved replies of these top-level comments, oldest first, at most maxRepliesPerThread each. */
async function approvedReplies(
  db: Kysely<Database>,
  parentIds: readonly string[],
): Promise<Map<string, Comment[]>> {
  const replies = new Map<string, Comment[]>();
  if (parentIds.length === 0) return replies;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('comments')
        .selectAll()
        .select((inner) =>
          inner.fn
            .agg<number>('row_number')
            .over((over) => over.partitionBy('parent_id').orderBy('created_at').orderBy('id'))
            .as('n'),
        )
        .where('parent_id', 'in', parentIds)
        .where('status', '=', 'approved')
        .as('reply'),
    )
    .selectAll()
    .where('n', '<=', maxRepliesPerThread)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const { n: _n, ...row } of rows) {
    const parentId = row.parent_id ?? '';
    const list = replies.get(parentId) ?? [];
    list.push(commentOf(row));
    replies.set(parentId, list);
  }
  return replies;
}

function commentOf(row: Selectable<CommentsTable>): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    displayName: row.display_name,
    body: row.body,
    status: row.status,
    createdAt: row.created_at,
  };
}
