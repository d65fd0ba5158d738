import { randomUUID } from 'node:crypto';
import {
  type Comment,
  CreateCommentInputSchema,
  commentStatuses,
  decodeCursor,
  encodeCursor,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { NotFoundError, StoreError } from '../errors.js';
import type { CommentRepository } from '../store.js';
import type { CommentsTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';

export function createCommentRepository(db: Kysely<Database>): CommentRepository {
  return {
    async listApproved(articleId, query) {
      await assertArticleExists(db, articleId);
      const limit = pageLimitOf(query.limit);
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !after)
        throw new StoreError('cursor is not valid; use nextCursor from a previous page');
      let select = db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved');
      if (after) {
        select = select.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('created_at', 'id'), '>', tuple(isoUtc(after.at), after.id)),
        );
      }
      const rows = await select
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(commentOf),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async create(raw, options) {
      const input = CreateCommentInputSchema.parse(raw);
      const createdAt = isoUtc(options?.now ?? new Date());
      return db.transaction().execute(async (trx) => {
        await assertArticleExists(trx, input.articleId);
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
          status: 'pending',
          created_at: createdAt,
        };
        await trx.insertInto('comments').values(row).execute();
        return commentOf(row);
      });
    },

    async setStatus(id, status) {
      if (!commentStatuses.includes(status)) throw new StoreError(`unknown comment status "${status}"`);
      const result = await db.updateTable('comments').set({ status }).where('id', '=', id).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new NotFoundError(`no comment has the id ${id}`);
      const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return commentOf(row);
    },
  };
}

async function assertArticleExists(db: Kysely<Database>, articleId: string): Promise<void> {
  const found = await db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!found) throw new NotFoundError(`no article has the id ${articleId}`);
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
