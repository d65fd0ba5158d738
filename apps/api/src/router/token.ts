import { CreateTokenInputSchema, TokenListInputSchema } from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';

export const tokenRouter = {
  /** Every token, live or not, newest first: names, roles, use and expiry, never a secret. */
  list: roleProcedure('admin')
    .input(TokenListInputSchema)
    .query(({ ctx, input }) => ctx.store.tokens.list(input)),

  /** A new token, returned once; only its hash is kept. It may be given an end (`expiresAt`). */
  create: roleProcedure('admin')
    .input(CreateTokenInputSchema)
    .mutation(({ ctx, input }) => {
      if (input.expiresAt !== null && Date.parse(input.expiresAt) <= Date.now()) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'expiresAt: a token must expire in the future' });
      }
      return ctx.store.tokens.create(input);
    }),

  revoke: roleProcedure('admin')
    .input(z.object({ tokenId: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => ({ revoked: await ctx.store.tokens.revoke(input.tokenId) })),
} satisfies TRPCRouterRecord;
