import {
  CreateCommentInputSchema,
  cacheKey,
  commentStatuses,
  limits,
  ModerateCommentsInputSchema,
  ModerationStatusSchema,
  PageLimitSchema,
} from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { CommentAnswer, CommentThreadPageAnswer } from '../openapi/answers.js';
import { publicProcedure, roleProcedure } from '../trpc.js';
import { writtenBy } from './access.js';
import { answerKeys } from './answer-keys.js';

const CursorInput = z.string().max(limits.cursor, 'cursor is too long').optional();

export const commentRouter = {
  /** Approved comments of a published article, each with its approved replies. */
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/v1/articles/{articleId}/comments',
        tags: ['comments'],
        protect: false,
        summary: "A published story's approved comments, each with its approved replies",
      },
    })
    .input(
      z
        .object({
          articleId: z.uuid(),
          order: z.enum(['oldest', 'newest']).default('oldest'),
          cursor: CursorInput,
          limit: PageLimitSchema,
        })
        .strict(),
    )
    .output(CommentThreadPageAnswer)
    .query(({ ctx, input }) => {
      // Shown while the story is published: its own changes count too.
      answerKeys(ctx, [cacheKey.comments(input.articleId), cacheKey.article(input.articleId)]);
      return ctx.store.comments.list(input.articleId, {
        order: input.order,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

  /**
   * Anyone may comment (plain text, limited lengths); the article's policy decides whether it
   * waits for a moderator. The HTTP layer limits how often one address may post.
   */
  create: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/v1/articles/{articleId}/comments',
        tags: ['comments'],
        protect: false,
        summary: "A reader's comment; the story's policy decides whether it waits for a moderator",
      },
    })
    .input(CreateCommentInputSchema)
    .output(CommentAnswer)
    .mutation(({ ctx, input }) => ctx.store.comments.create(input)),

  /**
   * The moderation queue (or any other status) across articles, each comment with its article,
   * oldest first unless `order` says newest.
   */
  byStatus: roleProcedure('editor')
    .input(
      z
        .object({
          status: z.enum(commentStatuses).default('pending'),
          order: z.enum(['oldest', 'newest']).default('oldest'),
          cursor: CursorInput,
          limit: PageLimitSchema,
        })
        .strict(),
    )
    .query(({ ctx, input }) =>
      ctx.store.comments.listByStatus(input.status, {
        order: input.order,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

  moderate: roleProcedure('editor')
    .input(z.object({ id: z.uuid(), status: ModerationStatusSchema }).strict())
    .mutation(({ ctx, input }) => ctx.store.comments.setStatus(input.id, input.status, writtenBy(ctx))),

  /**
   * One decision for several comments (a moderator's selection, at most a page), in one
   * transaction. Ids that no longer name a comment (gone with their article) are listed in
   * `notFound` rather than failing the rest.
   */
  moderateMany: roleProcedure('editor')
    .input(ModerateCommentsInputSchema)
    .mutation(async ({ ctx, input }) => {
      const comments = await ctx.store.comments.setStatusMany(input.ids, input.status, writtenBy(ctx));
      const found = new Set(comments.map((comment) => comment.id));
      return { comments, notFound: input.ids.filter((id) => !found.has(id)) };
    }),
} satisfies TRPCRouterRecord;
