import { randomUUID } from 'node:crypto';
import {
  CreateWebhookInputSchema,
  decodeCursor,
  type EventType,
  encodeCursor,
  issuesLine,
  limits,
  NewsroomEventSchema,
  UpdateWebhookInputSchema,
  type Webhook,
  type WebhookDelivery,
  type WebhookStory,
  WebhookStorySchema,
  webhookDisableAfterMs,
  webhookRetryAt,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { PlannedDelivery, WebhookRepository } from '../store.js';
import { articleBy } from './article-queries.js';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from './database.js';
import { createEventRepository } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';
import { newWebhookSecret } from './secrets.js';

/** The outbox consumer that plans webhook deliveries. */
const planner = 'webhooks';

export interface WebhookRepositoryOptions {
  /**
   * PostgreSQL: claim the planner's place and due deliveries with FOR UPDATE SKIP LOCKED, so
   * processes working at once each take different work. SQLite's write transactions already
   * take turns (BEGIN IMMEDIATE), so it needs no lock clause.
   */
  skipLocked: boolean;
}

/**
 * Webhook endpoints and their deliveries. Planning reads the outbox after the planner's place
 * and writes one delivery per event and endpoint that wants it, moving the place on in the same
 * transaction: a process killed midway plans nothing, and the next one plans it all.
 */
export function createWebhookRepository(
  db: Kysely<Database>,
  options: WebhookRepositoryOptions,
): WebhookRepository {
  async function mustFind(id: string): Promise<Selectable<WebhooksTable>> {
    const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`no webhook has the id ${id}`);
    return row;
  }

  async function deliveriesOf(rows: Selectable<WebhookDeliveriesTable>[]): Promise<WebhookDelivery[]> {
    const ids = rows.map((row) => row.id);
    const attempts =
      ids.length === 0
        ? []
        : await db
            .selectFrom('webhook_attempts')
            .selectAll()
            .where('delivery_id', 'in', ids)
            .orderBy('id')
            .execute();
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhook_id,
      eventId: String(row.event_id),
      eventType: row.event_type as EventType,
      status: row.status,
      createdAt: row.created_at,
      nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
      attempts: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          at: attempt.at,
          statusCode: attempt.status_code,
          latencyMs: attempt.latency_ms,
          error: attempt.error,
          response: attempt.response,
        })),
    }));
  }

  return {
    async create(raw, writeOptions) {
      const parsed = CreateWebhookInputSchema.safeParse(raw);
      if (!parsed.success) throw new InvalidInputError(`invalid webhook: ${issuesLine(parsed.error)}`);
      const at = isoUtc(writeOptions?.now ?? new Date());
      const row: Selectable<WebhooksTable> = {
        id: randomUUID(),
        url: parsed.data.url,
        description: parsed.data.description,
        event_types: JSON.stringify(parsed.data.eventTypes),
        secret: newWebhookSecret(),
        enabled: 1,
        disabled_reason: null,
        failing_since: null,
        from_event_id: 0,
        created_at: at,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        const { count } = await trx
          .selectFrom('webhooks')
          .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
          .executeTakeFirstOrThrow();
        if (Number(count) >= limits.webhooks) {
          throw new InvalidInputError(`a newsroom has at most ${limits.webhooks} webhooks; delete one first`);
        }
        row.from_event_id = Number((await createEventRepository(trx).latestId()) ?? 0);
        await trx.insertInto('webhooks').values(row).execute();
      });
      return { webhook: webhookOf(row), secret: row.secret };
    },

    async list() {
      const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(webhookOf);
    },

    async byId(id) {
      const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? webhookOf(row) : null;
    },

    async update(raw, writeOptions) {
      const parsed = UpdateWebhookInputSchema.safeParse(raw);
      if (!parsed.success) throw new InvalidInputError(`invalid webhook: ${issuesLine(parsed.error)}`);
      const { id, url, eventTypes, description, enabled } = parsed.data;
      const before = await mustFind(id);
      const changes: Partial<Selectable<WebhooksTable>> = {
        updated_at: isoUtc(writeOptions?.now ?? new Date()),
      };
      if (url !== undefined) changes.url = url;
      if (eventTypes !== undefined) changes.event_types = JSON.stringify(eventTypes);
      if (description !== undefined) changes.description = description;
      if (enabled === true && before.enabled === 0) {
        // Re-enabled: its past failures no longer count towards the day that disables it.
        Object.assign(changes, { enabled: 1, disabled_reason: null, failing_since: null });
      } else if (enabled === false && before.enabled === 1) {
        Object.assign(changes, {
          enabled: 0,
          disabled_reason: `disabled by ${writeOptions?.actor?.name ?? 'an admin'}`,
        });
      }
      await db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
      return webhookOf({ ...before, ...changes });
    },

    async delete(id) {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new NotFoundError(`no webhook has the id ${id}`);
    },

    async planDeliveries({ limit, now = new Date() }) {
      // Two reads decide whether there is anything to plan: most calls (a poll each second)
      // find nothing and take no write lock.
      const seen = await db
        .selectFrom('event_consumers')
        .select('last_event_id')
        .where('name', '=', planner)
        .executeTakeFirst();
      if (!seen) {
        await db
          .insertInto('event_consumers')
          .values({ name: planner, last_event_id: 0 })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
      }
      const latest = await createEventRepository(db).latestId();
      if (latest === null || Number(latest) <= Number(seen?.last_event_id ?? 0)) return 0;
      return db.transaction().execute(async (trx) => {
        let place = trx.selectFrom('event_consumers').select('last_event_id').where('name', '=', planner);
        if (options.skipLocked) place = place.forUpdate().skipLocked();
        const claimed = await place.executeTakeFirst();
        // Another process is planning: it will plan these events.
        if (!claimed) return 0;
        const batch = await createEventRepository(trx).after(String(claimed.last_event_id), { limit });
        const last = batch.at(-1);
        if (!last) return 0;
        const endpoints = (
          await trx
            .selectFrom('webhooks')
            .select(['id', 'event_types', 'from_event_id'])
            .where('enabled', '=', 1)
            .execute()
        ).map((row) => ({
          id: row.id,
          types: new Set(JSON.parse(row.event_types) as string[]),
          from: Number(row.from_event_id),
        }));
        const stories = new Map<string, WebhookStory | null>();
        const at = isoUtc(now);
        for (const event of batch) {
          const wanting = endpoints.filter(
            (endpoint) => endpoint.types.has(event.type) && Number(event.id) > endpoint.from,
          );
          if (wanting.length === 0) continue;
          const storyId = 'article' in event ? event.article.id : null;
          if (storyId !== null && !stories.has(storyId)) {
            const article = await articleBy(trx, { id: storyId });
            stories.set(storyId, article && WebhookStorySchema.parse(article));
          }
          const payload = JSON.stringify({ event, story: storyId === null ? null : stories.get(storyId) });
          await trx
            .insertInto('webhook_deliveries')
            .values(
              wanting.map((endpoint) => ({
                id: randomUUID(),
                webhook_id: endpoint.id,
                event_id: Number(event.id),
                event_type: event.type,
                payload,
                status: 'pending' as const,
                next_attempt_at: at,
                created_at: at,
              })),
            )
            .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
            .execute();
        }
        await trx
          .updateTable('event_consumers')
          .set({ last_event_id: Number(last.id) })
          .where('name', '=', planner)
          .execute();
        return batch.length;
      });
    },

    async waitingEvents() {
      const row = await db
        .selectFrom('event_consumers')
        .select('last_event_id')
        .where('name', '=', planner)
        .executeTakeFirst();
      const { count, oldest } = await db
        .selectFrom('events')
        .select((eb) => [
          eb.fn.countAll<number | string | bigint>().as('count'),
          eb.fn.min('at').as('oldest'),
        ])
        .where('id', '>', Number(row?.last_event_id ?? 0))
        .executeTakeFirstOrThrow();
      return { count: Number(count), oldestAt: oldest === null ? null : new Date(oldest) };
    },

    async claimDue({ limit, leaseMs, now = new Date() }) {
      let due = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select('d.id')
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', isoUtc(now))
        .where('w.enabled', '=', 1)
        .orderBy('d.next_attempt_at')
        .limit(Math.max(1, Math.min(limit, limits.pageMax)));
      // A read first: most calls (a poll each second) find nothing due and take no write lock.
      if (!(await due.executeTakeFirst())) return [];
      if (options.skipLocked) due = due.forUpdate('d').skipLocked();
      // One statement: the rows it takes are leased to this process until the lease ends, when
      // another process may take them again (this one having died before recording an attempt).
      const claimed = await db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: isoUtc(new Date(now.getTime() + leaseMs)) })
        .where('id', 'in', due)
        .returning(['id', 'webhook_id', 'payload', 'failed_attempts'])
        .execute();
      if (claimed.length === 0) return [];
      const endpoints = new Map(
        (
          await db
            .selectFrom('webhooks')
            .select(['id', 'url', 'secret'])
            .where(
              'id',
              'in',
              claimed.map((row) => row.webhook_id),
            )
            .execute()
        ).map((row) => [row.id, row]),
      );
      return claimed.flatMap((row): PlannedDelivery[] => {
        const endpoint = endpoints.get(row.webhook_id);
        if (!endpoint) return [];
        const { event, story } = JSON.parse(row.payload) as { event: unknown; story: WebhookStory | null };
        return [
          {
            id: row.id,
            webhookId: row.webhook_id,
            url: endpoint.url,
            secret: endpoint.secret,
            event: NewsroomEventSchema.parse(event),
            story,
            attempt: row.failed_attempts + 1,
          },
        ];
      });
    },

    async recordAttempt(deliveryId, attempt) {
      const succeeded = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
      await db.transaction().execute(async (trx) => {
        const delivery = await trx
          .selectFrom('webhook_deliveries')
          .select(['webhook_id', 'failed_attempts'])
          .where('id', '=', deliveryId)
          .executeTakeFirst();
        // Deleted with its endpoint while it was being sent: nothing left to record.
        if (!delivery) return;
        await trx
          .insertInto('webhook_attempts')
          .values({
            delivery_id: deliveryId,
            at: attempt.at,
            status_code: attempt.statusCode,
            latency_ms: Math.max(0, Math.round(attempt.latencyMs)),
            error: attempt.error?.slice(0, limits.webhookResponseExcerpt) ?? null,
            response: attempt.response.slice(0, limits.webhookResponseExcerpt),
          })
          .execute();
        if (succeeded) {
          await trx
            .updateTable('webhook_deliveries')
            .set({ status: 'delivered', next_attempt_at: null })
            .where('id', '=', deliveryId)
            .execute();
          await trx
            .updateTable('webhooks')
            .set({ failing_since: null })
            .where('id', '=', delivery.webhook_id)
            .execute();
          return;
        }
        const failed = delivery.failed_attempts + 1;
        const retryAt = webhookRetryAt(failed, new Date(attempt.at));
        await trx
          .updateTable('webhook_deliveries')
          .set({
            failed_attempts: failed,
            status: retryAt ? 'pending' : 'failed',
            next_attempt_at: retryAt ? isoUtc(retryAt) : null,
          })
          .where('id', '=', deliveryId)
          .execute();
        const endpoint = await trx
          .selectFrom('webhooks')
          .select(['failing_since', 'enabled'])
          .where('id', '=', delivery.webhook_id)
          .executeTakeFirstOrThrow();
        const failingSince = endpoint.failing_since ?? attempt.at;
        const failingForMs = Date.parse(attempt.at) - Date.parse(failingSince);
        await trx
          .updateTable('webhooks')
          .set(
            endpoint.enabled === 1 && failingForMs >= webhookDisableAfterMs
              ? {
                  failing_since: failingSince,
                  enabled: 0,
                  disabled_reason: `every delivery failed from ${failingSince} to ${attempt.at}; the last: ${
                    attempt.error ?? `HTTP ${attempt.statusCode}`
                  }`,
                }
              : { failing_since: failingSince },
          )
          .where('id', '=', delivery.webhook_id)
          .execute();
      });
    },

    async deliveries(query) {
      await mustFind(query.webhookId);
      const limit = pageLimitOf(query.limit);
      let select = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', query.webhookId);
      if (query.status) select = select.where('status', '=', query.status);
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        if (!after) throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
        select = select.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('created_at', 'id'), '<', tuple(isoUtc(after.at), after.id)),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: await deliveriesOf(page),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async prune(before) {
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('created_at', '<', isoUtc(before))
        .where('status', '!=', 'pending')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async redeliver(deliveryId, writeOptions) {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({
          status: 'pending',
          failed_attempts: 0,
          next_attempt_at: isoUtc(writeOptions?.now ?? new Date()),
        })
        .where('id', '=', deliveryId)
        .returningAll()
        .executeTakeFirst();
      if (!result) throw new NotFoundError(`no webhook delivery has the id ${deliveryId}`);
      const [delivery] = await deliveriesOf([result]);
      if (!delivery) throw new NotFoundError(`no webhook delivery has the id ${deliveryId}`);
      return delivery;
    },
  };
}

function webhookOf(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as EventType[],
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
