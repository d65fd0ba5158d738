import { cacheKey, SlugSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc.js';
import { answerKeys } from './answer-keys.js';

export const redirectRouter = {
  /** Where a renamed article, tag, section or author lives now; null when it never moved. */
  lookup: publicProcedure
    .input(z.object({ kind: z.enum(['article', 'tag', 'section', 'author']), slug: SlugSchema }).strict())
    .query(async ({ ctx, input }) => {
      // A slug moves when what holds it, or what held it, is renamed.
      answerKeys(ctx, [
        input.kind === 'article' ? cacheKey.slug(input.slug) : cacheKey[input.kind](input.slug),
      ]);
      return { slug: await ctx.store.redirects.lookup(input.kind, input.slug) };
    }),
} satisfies TRPCRouterRecord;
