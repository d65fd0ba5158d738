import { CreateCommentInputSchema, limits, PageLimitSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure, roleProcedure } from '../trpc.js';

const CursorInput = z.string().max(limits.cursor, 'cursor is too long').optional();

export const commentRouter = {
  /** Approved comments of a published article, each with its approved replies. */
  list: publicProcedure
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
    .query(({ ctx, input }) =>
      ctx.store.comments.list(input.articleId, {
        order: input.order,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

  /**
   * Anyone may comment (plain text, limited lengths); the article's policy decides whether it
   * waits for a moderator. The HTTP layer limits how often one address may post.
   */
  create: publicProcedure
    .input(CreateCommentInputSchema)
    .mutation(({ ctx, input }) => ctx.store.comments.create(input)),

  /** The moderation queue (or any other status), oldest first. */
  byStatus: roleProcedure('editor')
    .input(
      z
        .object({
          status: z.enum(['pending', 'approved', 'rejected', 'spam']).default('pending'),
          cursor: CursorInput,
          limit: PageLimitSchema,
        })
        .strict(),
    )
    .query(({ ctx, input }) =>
      ctx.store.comments.listByStatus(input.status, { cursor: input.cursor, limit: input.limit }),
    ),

  moderate: roleProcedure('editor')
    .input(z.object({ id: z.uuid(), status: z.enum(['approved', 'rejected', 'spam']) }).strict())
    .mutation(({ ctx, input }) => ctx.store.comments.setStatus(input.id, input.status)),
} satisfies TRPCRouterRecord;
