import { openStore, type Store } from '@newsroom/db';
import { type WebhookPayload, WebhookPayloadSchema } from '@newsroom/domain';
import { publicFetch } from '@newsroom/ingest/public-fetch';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReceiver } from '../testing/webhook-receiver.js';
import { createWebhookDispatcher } from './webhook-dispatcher.js';

// Deliveries end to end: a real Store, a real HTTP receiver on 127.0.0.1 that checks each
// delivery with the Standard Webhooks authors' own library, and the retry schedule walked by
// moving the clock (only Date is faked; timers and sockets are real).

const silent = { debug() {}, warn() {}, error() {} };
let store: Store;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-06T09:00:00.000Z'));
  store = await openStore(':memory:');
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 1 });
  await store.tags.upsert({ slug: 'storms', name: 'Storms', description: null, type: 'topic' });
});
afterEach(async () => {
  vi.useRealTimers();
  await receiver?.close();
  receiver = undefined;
  await store.close();
});

function dispatcher(options: { allowPrivate?: boolean; timeoutMs?: number } = {}) {
  return createWebhookDispatcher({
    store,
    sends: 2,
    siteUrl: 'https://news.example',
    fetch: publicFetch({ allowPrivate: options.allowPrivate ?? true }),
    log: silent,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
}

async function publishStory() {
  const draft = await store.articles.create({
    headline: 'Storm reaches the coast',
    body: [{ type: 'paragraph', text: 'Winds of 120 km/h.' }],
    sectionSlug: 'world',
    tagSlugs: ['storms'],
  });
  return store.articles.setStatus(draft.id, draft.version, 'published');
}

const later = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));

describe('webhook deliveries', () => {
  it('retry a failing endpoint after 5 s and 5 min with the same webhook-id, each verifiable, and log every attempt', async () => {
    receiver = await startReceiver([500, 503, 204]);
    const { webhook: hook, secret } = await store.webhooks.create({
      url: receiver.url,
      eventTypes: ['article.published'],
    });
    const story = await publishStory();
    const webhooks = dispatcher();

    // Each delivery is checked as it arrives: receivers refuse a timestamp 5 minutes off.
    const verifier = new Webhook(secret);
    const payloads: WebhookPayload[] = [];
    const roundAfter = async (ms: number, expected: number) => {
      later(ms);
      await webhooks.round();
      expect(receiver?.received).toHaveLength(expected);
      const arrived = receiver?.received[expected - 1];
      if (payloads.length < expected && arrived) {
        payloads.push(
          verifier.verify(arrived.body, arrived.headers as Record<string, string>) as WebhookPayload,
        );
      }
    };
    await roundAfter(0, 1);
    await roundAfter(4_000, 1);
    await roundAfter(1_000, 2);
    await roundAfter(299_000, 2);
    await roundAfter(1_000, 3);
    await roundAfter(86_400_000, 3);
    expect(payloads).toHaveLength(3);

    expect(new Set(receiver.received.map(({ headers }) => headers['webhook-id'])).size).toBe(1);
    expect(WebhookPayloadSchema.parse(payloads[0])).toEqual(payloads[0]);
    expect(payloads[0]).toMatchObject({
      type: 'article.published',
      data: {
        event: { type: 'article.published', article: { id: story.id, slug: story.slug } },
        story: {
          headline: 'Storm reaches the coast',
          slug: story.slug,
          url: `https://news.example/articles/${story.slug}`,
          section: { slug: 'world', name: 'World' },
          tags: [{ slug: 'storms', name: 'Storms', type: 'topic' }],
          publishedAt: story.publishedAt,
        },
      },
    });
    // A receiver with another secret refuses it: the signature is real.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(
        receiver?.received[0]?.body ?? '',
        receiver?.received[0]?.headers as Record<string, string>,
      ),
    ).toThrow();

    const [delivery] = (await store.webhooks.deliveries({ webhookId: hook.id })).items;
    expect(delivery?.id).toBe(receiver.received[0]?.headers['webhook-id']);
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((a) => [a.statusCode, a.response])).toEqual([
      [500, 'not now'],
      [503, 'not now'],
      [204, ''],
    ]);
    for (const attempt of delivery?.attempts ?? []) expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('sends only the types an endpoint asked for, to every endpoint that asked', async () => {
    receiver = await startReceiver([204]);
    await store.webhooks.create({ url: `${receiver.url}?a`, eventTypes: ['article.created'] });
    await store.webhooks.create({
      url: `${receiver.url}?b`,
      eventTypes: ['article.created', 'article.published'],
    });
    await publishStory();
    await dispatcher().round();
    const types = receiver.received.map(({ body }) => (JSON.parse(body) as WebhookPayload).type).sort();
    expect(types).toEqual(['article.created', 'article.created', 'article.published']);
  });

  it('refuses to deliver to a private address unless allowed, and says how to allow it', async () => {
    receiver = await startReceiver([204]);
    const { webhook: hook } = await store.webhooks.create({
      url: receiver.url,
      eventTypes: ['article.published'],
    });
    await publishStory();
    await dispatcher({ allowPrivate: false }).round();
    expect(receiver.received).toEqual([]);
    const [delivery] = (await store.webhooks.deliveries({ webhookId: hook.id })).items;
    expect(delivery?.attempts[0]).toMatchObject({
      statusCode: null,
      error:
        '127.0.0.1 is a private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to deliver inside your own network',
    });
    expect(delivery?.status).toBe('pending');
  });

  it('counts an endpoint that does not answer in time as failed, and tries again later', async () => {
    receiver = await startReceiver(['hang']);
    const { webhook: hook } = await store.webhooks.create({
      url: receiver.url,
      eventTypes: ['article.published'],
    });
    await publishStory();
    await dispatcher({ timeoutMs: 300 }).round();
    const [delivery] = (await store.webhooks.deliveries({ webhookId: hook.id })).items;
    expect(delivery?.attempts).toEqual([
      expect.objectContaining({ statusCode: null, error: 'no answer within 0.3 s', response: '' }),
    ]);
    expect(delivery?.nextAttemptAt).toBe(
      new Date(Date.parse(delivery?.attempts[0]?.at ?? '') + 5_000).toISOString(),
    );
  });
});
