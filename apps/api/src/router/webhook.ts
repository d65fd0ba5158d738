import {
  CreateWebhookInputSchema,
  UpdateWebhookInputSchema,
  WebhookDeliveriesInputSchema,
} from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { roleProcedure } from '../trpc.js';
import { refusedWebhookAddress } from '../webhooks/webhook-address.js';
import { writtenBy } from './access.js';

function checkAddress(url: string | undefined, allowPrivate: boolean): void {
  const refused = url === undefined ? null : refusedWebhookAddress(url, allowPrivate);
  if (refused) throw new TRPCError({ code: 'BAD_REQUEST', message: `url: ${refused}` });
}

/**
 * Webhook endpoints, for admins: each receives the event types it names, signed with a secret
 * shown once, at creation. Deliveries are listed with every attempt, and may be sent again.
 */
export const webhookRouter = {
  list: roleProcedure('admin').query(({ ctx }) => ctx.store.webhooks.list()),

  /** The new endpoint and its `whsec_` secret: keep the secret now, it is never shown again. */
  create: roleProcedure('admin')
    .input(CreateWebhookInputSchema)
    .mutation(({ ctx, input }) => {
      checkAddress(input.url, ctx.webhookAllowPrivate);
      return ctx.store.webhooks.create(input, writtenBy(ctx));
    }),

  /** Changes an endpoint; `enabled: true` re-enables one disabled after a day of failures. */
  update: roleProcedure('admin')
    .input(UpdateWebhookInputSchema)
    .mutation(({ ctx, input }) => {
      checkAddress(input.url, ctx.webhookAllowPrivate);
      return ctx.store.webhooks.update(input, writtenBy(ctx));
    }),

  delete: roleProcedure('admin')
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => {
      await ctx.store.webhooks.delete(input.id);
      return { deleted: true };
    }),

  /** An endpoint's deliveries, newest first, each with its attempts (time, status, latency, the answer's start). */
  deliveries: roleProcedure('admin')
    .input(WebhookDeliveriesInputSchema)
    .query(({ ctx, input }) => ctx.store.webhooks.deliveries(input)),

  /** Sends a delivery again now, with the same webhook-id and a fresh retry schedule. */
  redeliver: roleProcedure('admin')
    .input(z.object({ deliveryId: z.uuid() }).strict())
    .mutation(({ ctx, input }) => ctx.store.webhooks.redeliver(input.deliveryId, writtenBy(ctx))),
} satisfies TRPCRouterRecord;
