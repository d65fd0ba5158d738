import { ArticleListInputSchema, hasRole, SlugSchema } from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc.js';

export const articleRouter = {
  /** Summaries, newest first, with a cursor for the next page. Readers see published ones only. */
  list: publicProcedure.input(ArticleListInputSchema).query(({ ctx, input }) => {
    const status = input.status ?? 'published';
    if (status !== 'published' && !(ctx.principal && hasRole(ctx.principal.role, 'editor'))) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Listing ${status} articles needs an editor token` });
    }
    return ctx.store.articles.list({ ...input, status });
  }),

  /** One published article, whole. */
  bySlug: publicProcedure.input(z.object({ slug: SlugSchema }).strict()).query(async ({ ctx, input }) => {
    const article = await ctx.store.articles.bySlug(input.slug);
    if (!article) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `No published article has the slug "${input.slug}"`,
      });
    }
    return article;
  }),
} satisfies TRPCRouterRecord;
