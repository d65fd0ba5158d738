import { EventIdSchema, EventTypeSchema, hasRole, publicViewOf } from '@newsroom/domain';
import { type TRPCRouterRecord, tracked } from '@trpc/server';
import { z } from 'zod';
import { liveEvents } from '../events/live-events.js';
import { publicProcedure } from '../trpc.js';

/**
 * The newsroom's events for TypeScript clients: `event.stream` is the typed twin of
 * `GET /events` (plugins/event-stream.ts), over tRPC's Server-Sent Events. Each event is
 * `tracked` by its id, so a client that reconnects resumes after the last one it got.
 */
export const eventRouter = {
  /** Live events, from `lastEventId` (kept ones) or from now; editors see all, others what readers see. */
  stream: publicProcedure
    .input(
      z
        .object({
          types: z.array(EventTypeSchema).max(50).optional(),
          /** Set by tRPC's subscription link when it reconnects. */
          lastEventId: EventIdSchema.nullish(),
        })
        .strict()
        .optional(),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const principal = ctx.principal;
      const seesAll =
        principal !== null && !principal.mustEnrolSecondFactor && hasRole(principal.role, 'editor');
      const after = input?.lastEventId ?? (await ctx.store.events.latestId());
      const events = liveEvents(ctx.store, {
        after,
        ...(input?.types ? { types: input.types } : {}),
        signal: signal ?? new AbortController().signal,
      });
      for await (const event of events) {
        const shown = seesAll ? event : publicViewOf(event);
        if (shown) yield tracked(event.id, shown);
      }
    }),
} satisfies TRPCRouterRecord;
