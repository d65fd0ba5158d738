import { NewsroomSettingsSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { recordAudit } from '../audit-trail.js';
import { roleProcedure } from '../trpc.js';

export const settingsRouter = {
  get: roleProcedure('admin').query(({ ctx }) => ctx.store.settings.get()),

  /** Only the fields given change. */
  update: roleProcedure('admin')
    .input(NewsroomSettingsSchema.partial().strict())
    .mutation(async ({ ctx, input }) => {
      const settings = await ctx.store.settings.update(input);
      await recordAudit(ctx, {
        action: 'settings.update',
        objectType: 'settings',
        detail: Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      });
      return settings;
    }),
} satisfies TRPCRouterRecord;
