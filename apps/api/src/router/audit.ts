import { AuditQuerySchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { roleProcedure } from '../trpc.js';

export const auditRouter = {
  /** Newest first, keyset pages; filter by actor, object, action and time. */
  list: roleProcedure('admin')
    .input(AuditQuerySchema)
    .query(({ ctx, input }) => ctx.store.audit.list(input)),
} satisfies TRPCRouterRecord;
