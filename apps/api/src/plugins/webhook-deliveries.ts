import type { Store } from '@newsroom/db';
import { publicFetch } from '@newsroom/ingest/public-fetch';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiMetrics } from '../metrics/api-metrics.js';
import { createWebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

/**
 * Webhook delivery for the API's lifetime: it starts when the instance is ready and stops when
 * it closes, sends in progress recording their attempts first. WEBHOOK_SENDS=0 leaves it off
 * (another process delivers).
 */
export const webhookDeliveries: FastifyPluginAsync<{
  store: Store;
  sends: number;
  siteUrl: string;
  allowPrivate: boolean;
  metrics: ApiMetrics | null;
}> = async (app, { store, sends, siteUrl, allowPrivate, metrics }) => {
  if (sends <= 0) return;
  const dispatcher = createWebhookDispatcher({
    store,
    sends,
    siteUrl,
    fetch: publicFetch({ allowPrivate }),
    log: app.log.child({ component: 'webhooks' }),
    ...(metrics ? { onAttempt: metrics.webhookAttempt } : {}),
  });
  app.addHook('onReady', async () => dispatcher.start());
  app.addHook('onClose', async () => dispatcher.stop());
};
