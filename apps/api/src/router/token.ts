import { limits, RoleSchema, SlugSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';

export const tokenRouter = {
  /** A new token, returned once; only its hash is kept. */
  create: roleProcedure('admin')
    .input(
      z
        .object({
          name: z.string().trim().min(1).max(limits.tokenName),
          role: RoleSchema,
          authorSlug: SlugSchema.nullable().default(null),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) => ctx.store.tokens.create(input)),

  revoke: roleProcedure('admin')
    .input(z.object({ tokenId: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => ({ revoked: await ctx.store.tokens.revoke(input.tokenId) })),
} satisfies TRPCRouterRecord;
