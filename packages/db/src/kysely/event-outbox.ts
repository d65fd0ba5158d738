import { type EventActor, type NewEvent, type NewsroomEvent, NewsroomEventSchema } from '@newsroom/domain';
import type { Kysely } from 'kysely';
import type { EventRepository } from '../store.js';
import type { Database } from './database.js';

/**
 * Writes events into the outbox inside the transaction of the change they describe. `serialize`
 * runs first in that transaction: PostgreSQL takes an advisory lock there, held to commit, so
 * transactions that add events commit in the order of their ids and a reader that has seen
 * id n never sees a smaller id appear later. SQLite's writers already take turns.
 */
export interface Outbox {
  record(trx: Kysely<Database>, event: NewEvent, at: string): Promise<void>;
  /** Several events in one statement (a bulk import's), in order. */
  recordMany(trx: Kysely<Database>, events: readonly NewEvent[], at: string): Promise<void>;
}

export function createOutbox(serialize?: (trx: Kysely<Database>) => Promise<void>): Outbox {
  const rowOf = (event: NewEvent, at: string) => {
    const { type, ...data } = event;
    return { type, at, data: JSON.stringify(data) };
  };
  return {
    async record(trx, event, at) {
      await serialize?.(trx);
      await trx.insertInto('events').values(rowOf(event, at)).execute();
    },
    async recordMany(trx, events, at) {
      if (events.length === 0) return;
      await serialize?.(trx);
      await trx
        .insertInto('events')
        .values(events.map((event) => rowOf(event, at)))
        .execute();
    },
  };
}

interface EventRow {
  id: number | string | bigint;
  type: string;
  at: string;
  data: string;
}

function eventOf(row: EventRow): NewsroomEvent {
  return NewsroomEventSchema.parse({
    ...JSON.parse(row.data),
    id: String(row.id),
    type: row.type,
    at: row.at,
  });
}

/** Reading the outbox: events in the order they happened, and pruning old ones. */
export function createEventRepository(db: Kysely<Database>): EventRepository {
  return {
    async after(id, query) {
      let select = db
        .selectFrom('events')
        .select(['id', 'type', 'at', 'data'])
        .where('id', '>', Number(id ?? 0))
        .orderBy('id')
        .limit(query.limit);
      if (query.types && query.types.length > 0) select = select.where('type', 'in', query.types);
      return (await select.execute()).map(eventOf);
    },
    async latestId() {
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      return row?.id === null || row?.id === undefined ? null : String(row.id);
    },
    async prune(before) {
      const result = await db.deleteFrom('events').where('at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The event actor of a change made by `actor`, as the Store's writes are given it. */
export function eventActorOf(actor: {
  personId?: string | null;
  tokenId: string | null;
  name: string;
}): EventActor {
  if (actor.personId) return { kind: 'person', id: actor.personId, name: actor.name };
  if (actor.tokenId) return { kind: 'token', id: actor.tokenId, name: actor.name };
  return { kind: 'system', id: null, name: actor.name };
}
