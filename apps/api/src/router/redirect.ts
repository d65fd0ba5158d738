import { SlugSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc.js';

export const redirectRouter = {
  /** Where a renamed article, tag, section or author lives now; null when it never moved. */
  lookup: publicProcedure
    .input(z.object({ kind: z.enum(['article', 'tag', 'section', 'author']), slug: SlugSchema }).strict())
    .query(async ({ ctx, input }) => ({ slug: await ctx.store.redirects.lookup(input.kind, input.slug) })),
} satisfies TRPCRouterRecord;
