import { limits, type WebhookAttempt } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, publish } from './contract-fixtures.js';

const lease = 60_000;

function answered(when: Date, statusCode: number | null, error: string | null = null): WebhookAttempt {
  return { at: when.toISOString(), statusCode, latencyMs: 12, error, response: statusCode ? 'ok' : '' };
}

/** Webhook endpoints, and their deliveries planned from the outbox. Part of describeStoreContract. */
export function describeWebhookContract(store: () => Store): void {
  describe('webhooks', () => {
    const endpoint = async (eventTypes: string[], url = 'https://hooks.example/newsroom') =>
      (
        await store().webhooks.create(
          { url, eventTypes: eventTypes as never, description: 'Slack' },
          { now: at(0) },
        )
      ).webhook;

    it('keeps endpoints with the event types they want, never showing their secret again, and refuses bad ones', async () => {
      const { webhook: made, secret } = await store().webhooks.create(
        {
          url: 'https://hooks.example/newsroom',
          eventTypes: ['article.published', 'article.updated'],
          description: 'Slack',
        },
        { now: at(0) },
      );
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(made).toEqual({
        id: expect.any(String),
        url: 'https://hooks.example/newsroom',
        description: 'Slack',
        eventTypes: ['article.published', 'article.updated'],
        enabled: true,
        disabledReason: null,
        failingSince: null,
        createdAt: at(0).toISOString(),
        updatedAt: at(0).toISOString(),
      });
      expect(JSON.stringify(await store().webhooks.list())).not.toContain(secret);
      const changed = await store().webhooks.update(
        { id: made.id, eventTypes: ['comment.created'], enabled: false },
        { now: at(1), actor: { tokenId: null, name: 'Ada Admin' } },
      );
      expect(changed).toMatchObject({
        eventTypes: ['comment.created'],
        enabled: false,
        disabledReason: 'disabled by Ada Admin',
      });
      expect(await store().webhooks.byId(made.id)).toEqual(changed);
      await expect(
        store().webhooks.create({ url: 'gopher://hooks.example', eventTypes: ['article.published'] }),
      ).rejects.toThrow(InvalidInputError);
      await store().webhooks.delete(made.id);
      expect(await store().webhooks.list()).toEqual([]);
      await expect(store().webhooks.delete(made.id)).rejects.toThrow(NotFoundError);
    });

    it(`keeps at most ${limits.webhooks} endpoints`, async () => {
      for (let i = 0; i < limits.webhooks; i++)
        await endpoint(['article.published'], `https://hooks.example/${i}`);
      await expect(endpoint(['article.published'])).rejects.toThrow(
        `a newsroom has at most ${limits.webhooks} webhooks`,
      );
    });

    it('plans one delivery per event and endpoint that wants it, with the story as it is, once', async () => {
      const wantsPublished = await endpoint(['article.published']);
      const wantsComments = await endpoint(['comment.created']);
      const paused = await endpoint(['article.published']);
      await store().webhooks.update({ id: paused.id, enabled: false });
      const story = await publish(
        store(),
        draftInput({ headline: 'Storm hits coast', sectionSlug: 'world', tagSlugs: ['climate'] }),
        at(2),
      );

      const waiting = await store().webhooks.waitingEvents();
      expect(waiting.count).toBeGreaterThan(0);
      expect(waiting.oldestAt?.getTime()).toBeLessThanOrEqual(at(2).getTime());
      expect(await store().webhooks.planDeliveries({ limit: 100, now: at(3) })).toBeGreaterThan(0);
      expect(await store().webhooks.waitingEvents()).toEqual({ count: 0, oldestAt: null });
      expect(await store().webhooks.planDeliveries({ limit: 100, now: at(3) })).toBe(0);

      const due = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(3) });
      expect(due).toEqual([
        {
          id: expect.any(String),
          webhookId: wantsPublished.id,
          url: 'https://hooks.example/newsroom',
          secret: expect.stringMatching(/^whsec_/),
          event: expect.objectContaining({ type: 'article.published' }),
          story: expect.objectContaining({
            id: story.id,
            headline: 'Storm hits coast',
            section: { slug: 'world', name: 'World' },
            tags: [{ slug: 'climate', name: 'Climate', type: 'topic' }],
            publishedAt: at(2).toISOString(),
          }),
          attempt: 1,
        },
      ]);
      const none = await store().webhooks.deliveries({ webhookId: wantsComments.id });
      expect(none.items).toEqual([]);
    });

    it('lends a claimed delivery to one caller until its lease ends, then to the next', async () => {
      await endpoint(['article.published']);
      await publish(store(), draftInput({ headline: 'Leased' }), at(2));
      await store().webhooks.planDeliveries({ limit: 100, now: at(3) });
      const [first] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(3) });
      expect(first).toBeDefined();
      expect(await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(3.5) })).toEqual([]);
      const [again] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(4) });
      expect(again?.id).toBe(first?.id);
    });

    it('retries a failed delivery on the schedule, logs every attempt, and stops at a success', async () => {
      const hook = await endpoint(['article.published']);
      await publish(store(), draftInput({ headline: 'Retried' }), at(2));
      await store().webhooks.planDeliveries({ limit: 100, now: at(3) });
      const [delivery] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(3) });
      if (!delivery) throw new Error('nothing was due');
      await store().webhooks.recordAttempt(delivery.id, answered(at(3), 500));
      // Due again 5 s later, not before.
      const fiveSeconds = new Date(at(3).getTime() + 5_000);
      expect(
        await store().webhooks.claimDue({
          limit: 10,
          leaseMs: lease,
          now: new Date(fiveSeconds.getTime() - 1),
        }),
      ).toEqual([]);
      const [retry] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: fiveSeconds });
      expect(retry).toMatchObject({ id: delivery.id, attempt: 2 });
      await store().webhooks.recordAttempt(delivery.id, answered(fiveSeconds, null, 'timed out after 10 s'));
      const fiveMinutes = new Date(fiveSeconds.getTime() + 300_000);
      expect(
        (await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: fiveMinutes }))[0]?.attempt,
      ).toBe(3);
      await store().webhooks.recordAttempt(delivery.id, answered(fiveMinutes, 204));

      const page = await store().webhooks.deliveries({ webhookId: hook.id });
      expect(page.items).toEqual([
        expect.objectContaining({
          id: delivery.id,
          eventType: 'article.published',
          status: 'delivered',
          nextAttemptAt: null,
          attempts: [
            { at: at(3).toISOString(), statusCode: 500, latencyMs: 12, error: null, response: 'ok' },
            {
              at: fiveSeconds.toISOString(),
              statusCode: null,
              latencyMs: 12,
              error: 'timed out after 10 s',
              response: '',
            },
            { at: fiveMinutes.toISOString(), statusCode: 204, latencyMs: 12, error: null, response: 'ok' },
          ],
        }),
      ]);
      expect(await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(10_000) })).toEqual([]);
      expect((await store().webhooks.byId(hook.id))?.failingSince).toBeNull();
    });

    it('gives up after the last retry, disables an endpoint failing for a day, and redelivers on request', async () => {
      const hook = await endpoint(['article.published']);
      await publish(store(), draftInput({ headline: 'Never received' }), at(2));
      await store().webhooks.planDeliveries({ limit: 100, now: at(3) });
      let now = at(3);
      let id = '';
      for (let attempt = 1; attempt <= 8; attempt++) {
        const [due] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now });
        if (!due) throw new Error(`attempt ${attempt} was not due at ${now.toISOString()}`);
        id = due.id;
        await store().webhooks.recordAttempt(due.id, answered(now, 503));
        const next = (await store().webhooks.deliveries({ webhookId: hook.id })).items[0];
        if (next?.nextAttemptAt) now = new Date(next.nextAttemptAt);
      }
      const [given] = (await store().webhooks.deliveries({ webhookId: hook.id })).items;
      expect(given).toMatchObject({ status: 'failed', nextAttemptAt: null });
      expect(given?.attempts).toHaveLength(8);
      const disabled = await store().webhooks.byId(hook.id);
      expect(disabled).toMatchObject({ enabled: false, failingSince: at(3).toISOString() });
      expect(disabled?.disabledReason).toMatch(/^every delivery failed from .+ HTTP 503$/);

      // A disabled endpoint is sent nothing, even what is due; re-enabled, its failures are forgotten.
      const redelivered = await store().webhooks.redeliver(id, { now: at(10_000) });
      expect(redelivered).toMatchObject({ status: 'pending', nextAttemptAt: at(10_000).toISOString() });
      expect(await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(10_000) })).toEqual([]);
      const enabled = await store().webhooks.update({ id: hook.id, enabled: true });
      expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
      const [resent] = await store().webhooks.claimDue({ limit: 10, leaseMs: lease, now: at(10_000) });
      expect(resent).toMatchObject({ id, attempt: 1 });
      await expect(store().webhooks.redeliver('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
        NotFoundError,
      );
    });

    it('pages deliveries newest first, and filters them by status', async () => {
      const hook = await endpoint(['article.created']);
      for (let i = 0; i < 3; i++)
        await store().articles.create(draftInput({ headline: `Draft ${i}` }), { now: at(i) });
      await store().webhooks.planDeliveries({ limit: 100, now: at(5) });
      const first = await store().webhooks.deliveries({ webhookId: hook.id, limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await store().webhooks.deliveries({
        webhookId: hook.id,
        limit: 2,
        cursor: first.nextCursor ?? '',
      });
      expect(second).toMatchObject({ nextCursor: null });
      expect(second.items).toHaveLength(1);
      expect((await store().webhooks.deliveries({ webhookId: hook.id, status: 'delivered' })).items).toEqual(
        [],
      );
      await expect(store().webhooks.deliveries({ webhookId: hook.id, cursor: 'nonsense' })).rejects.toThrow(
        InvalidInputError,
      );
    });

    it('forgets finished deliveries past their time, keeping those still being tried', async () => {
      const hook = await endpoint(['article.created']);
      await store().articles.create(draftInput({ headline: 'Delivered' }), { now: at(1) });
      await store().articles.create(draftInput({ headline: 'Still trying' }), { now: at(1) });
      await store().webhooks.planDeliveries({ limit: 100, now: at(2) });
      const [one] = await store().webhooks.claimDue({ limit: 1, leaseMs: lease, now: at(2) });
      if (!one) throw new Error('nothing was due');
      await store().webhooks.recordAttempt(one.id, answered(at(2), 200));
      expect(await store().webhooks.prune(at(2))).toBe(0);
      expect(await store().webhooks.prune(at(3))).toBe(1);
      const left = (await store().webhooks.deliveries({ webhookId: hook.id })).items;
      expect(left.map((delivery) => delivery.status)).toEqual(['pending']);
    });
  });
}
