import { SlugSchema, TagSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';
import { taxonomyProcedures } from './taxonomy.js';

export const tagRouter = {
  ...taxonomyProcedures({ noun: 'tag', repository: (store) => store.tags, schema: TagSchema.strict() }),

  /** Folds one tag into another: its articles move over and its slug redirects. */
  merge: roleProcedure('editor')
    .input(z.object({ from: SlugSchema, into: SlugSchema }).strict())
    .mutation(({ ctx, input }) => ctx.store.tags.merge(input.from, input.into)),
} satisfies TRPCRouterRecord;
