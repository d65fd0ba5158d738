import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SQLite's 0012 for PostgreSQL: webhook endpoints, one delivery per event and endpoint with
 * its attempts, and each outbox consumer's place. Several API processes plan and send
 * deliveries at once: they claim the consumer's row and due deliveries with
 * `for update skip locked`, so each is handled by one of them.
 */
const text = 'text collate "C"';

const statements = [
  `create table webhooks (
    id ${text} primary key,
    url ${text} not null check (length(url) between 1 and 2000),
    description ${text} not null default '' check (length(description) <= 200),
    event_types ${text} not null,
    secret ${text} not null,
    enabled integer not null default 1 check (enabled in (0, 1)),
    disabled_reason ${text},
    failing_since ${text},
    from_event_id bigint not null default 0,
    created_at ${text} not null,
    updated_at ${text} not null
  )`,
  `create table webhook_deliveries (
    id ${text} primary key,
    webhook_id ${text} not null references webhooks (id) on delete cascade,
    event_id bigint not null,
    event_type ${text} not null,
    payload ${text} not null,
    status ${text} not null check (status in ('pending', 'delivered', 'failed')),
    failed_attempts integer not null default 0 check (failed_attempts >= 0),
    next_attempt_at ${text},
    created_at ${text} not null,
    unique (webhook_id, event_id)
  )`,
  'create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where next_attempt_at is not null',
  'create index webhook_deliveries_by_endpoint on webhook_deliveries (webhook_id, created_at, id)',
  `create table webhook_attempts (
    id bigint generated always as identity primary key,
    delivery_id ${text} not null references webhook_deliveries (id) on delete cascade,
    at ${text} not null,
    status_code integer,
    latency_ms integer not null check (latency_ms >= 0),
    error ${text},
    response ${text} not null
  )`,
  'create index webhook_attempts_by_delivery on webhook_attempts (delivery_id, id)',
  `create table event_consumers (
    name ${text} primary key,
    last_event_id bigint not null
  )`,
];

export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
