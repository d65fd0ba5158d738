import type { WebhookPayload } from '@newsroom/domain';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf } from '../client.js';
import { type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { startReceiver } from '../testing/webhook-receiver.js';

// Webhooks through the API as an admin's tool uses them: registered over HTTP, then delivered
// by the API's own dispatcher to a receiver on 127.0.0.1 (allowed here by WEBHOOK_ALLOW_PRIVATE).

let fx: NewsroomFixture;
let api: TestApi;
let strictApi: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  fx = await newsroomFixture();
  receiver = await startReceiver([200]);
  api = await startTestApi(fx.store, {
    WEBHOOK_SENDS: 2,
    WEBHOOK_ALLOW_PRIVATE: true,
    SITE_URL: 'https://news.example',
  });
  strictApi = await startTestApi(fx.store);
});
afterAll(async () => {
  await api.close();
  await strictApi.close();
  await receiver.close();
  await fx.close();
});

const as = (role: 'admin' | 'editor', url = api.url) => createNewsroomClient(url, { token: fx.tokens[role] });

describe('webhooks through the API', () => {
  it('registers an endpoint with a secret shown once, and delivers what it asked for, signed', async () => {
    const { webhook, secret } = await as('admin').webhook.create.mutate({
      url: receiver.url,
      eventTypes: ['article.published'],
      description: 'Push alerts',
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(webhook).toMatchObject({ url: receiver.url, enabled: true, description: 'Push alerts' });
    expect(JSON.stringify(await as('admin').webhook.list.query())).not.toContain(secret);

    const draft = await fx.draft({ headline: 'Bridge reopens after repairs' });
    await as('editor').article.publish.mutate({ id: draft.id, version: draft.version });
    const [arrived] = await receiver.arrived(1);
    if (!arrived) throw new Error('nothing arrived');
    const payload = new Webhook(secret).verify(
      arrived.body,
      arrived.headers as Record<string, string>,
    ) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'article.published',
      data: {
        story: {
          headline: 'Bridge reopens after repairs',
          url: `https://news.example/articles/${draft.slug}`,
        },
      },
    });

    // The log shows it delivered; sent again on request, it keeps its webhook-id.
    let deliveries = await as('admin').webhook.deliveries.query({ webhookId: webhook.id });
    for (let tries = 0; deliveries.items[0]?.status !== 'delivered' && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deliveries = await as('admin').webhook.deliveries.query({ webhookId: webhook.id });
    }
    const [delivery] = deliveries.items;
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: [{ statusCode: 200, response: 'thanks' }],
    });
    await as('admin').webhook.redeliver.mutate({ deliveryId: delivery?.id ?? '' });
    const [, again] = await receiver.arrived(2);
    expect(again?.headers['webhook-id']).toBe(arrived.headers['webhook-id']);

    // The audit trail names the endpoint, never its secret.
    const trail = await as('admin').audit.list.query({ objectType: 'webhook', objectId: webhook.id });
    expect(trail.items.map((entry) => entry.action)).toEqual(['webhook.redeliver', 'webhook.create']);
    expect(JSON.stringify(trail)).not.toContain(secret);
  });

  it('refuses an endpoint inside the newsroom’s network unless WEBHOOK_ALLOW_PRIVATE=true, and bad input', async () => {
    const refused = await as('admin', strictApi.url)
      .webhook.create.mutate({ url: 'http://127.0.0.1:9/hook', eventTypes: ['article.published'] })
      .catch((error: unknown) => error);
    expect(errorCodeOf(refused)).toBe('BAD_REQUEST');
    expect((refused as Error).message).toBe(
      'url: 127.0.0.1 is a private or loopback address: webhooks go to the public internet (WEBHOOK_ALLOW_PRIVATE=true allows your own network)',
    );
    const unknownType = await as('admin')
      .webhook.create.mutate({ url: receiver.url, eventTypes: ['article.exploded' as 'article.published'] })
      .catch((error: unknown) => error);
    expect(errorCodeOf(unknownType)).toBe('BAD_REQUEST');
    const missing = await as('admin')
      .webhook.update.mutate({ id: '00000000-0000-4000-8000-000000000000', enabled: true })
      .catch((error: unknown) => error);
    expect(errorCodeOf(missing)).toBe('NOT_FOUND');
  });
});
