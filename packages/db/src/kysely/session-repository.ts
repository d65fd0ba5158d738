import { randomUUID } from 'node:crypto';
import type { SessionInfo } from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { SessionRepository } from '../store.js';
import type { Database, PersonSessionsTable } from './database.js';
import { isoUtc } from './iso-time.js';
import { personById } from './people-repository.js';
import { maxSecretLength, newSecret, secretHashOf } from './secrets.js';

/** Marks a string as a Newsroom session secret, so a leaked one is recognisable in logs. */
export const sessionSecretPrefix = 'nrs_';
const maxUserAgent = 256;
const maxAddress = 64;
/** No one keeps more live sessions than this worth listing; the list stays bounded. */
const maxListed = 100;
/** How often a session in use is marked seen again. */
const seenEveryMs = 60_000;

/**
 * Signed-in sessions. A session is live while it has not ended, its lifetime has not passed and
 * it was seen within the idle limit; the idle limit is the caller's (configuration), so it is
 * applied on reading rather than stored.
 */
export function createSessionRepository(db: Kysely<Database>): SessionRepository {
  return {
    async create({ personId, userAgent, address, lifetimeMs, now = new Date() }) {
      if (!Number.isSafeInteger(lifetimeMs) || lifetimeMs < 1) {
        throw new InvalidInputError('a session lifetime is a positive whole number of milliseconds');
      }
      const secret = newSecret(sessionSecretPrefix);
      const row = {
        id: randomUUID(),
        person_id: personId,
        secret_hash: secretHashOf(secret),
        // Shortened, not refused: a browser's User-Agent is not the person's fault.
        user_agent: userAgent.slice(0, maxUserAgent),
        address: address.slice(0, maxAddress),
        created_at: isoUtc(now),
        last_seen_at: isoUtc(now),
        expires_at: isoUtc(new Date(now.getTime() + lifetimeMs)),
        ended_at: null,
      };
      await db.insertInto('person_sessions').values(row).execute();
      return { secret, session: sessionOf(row) };
    },

    async resolve(secret, { idleMs, now = new Date() }) {
      if (!secret.startsWith(sessionSecretPrefix) || secret.length > maxSecretLength) return null;
      const at = isoUtc(now);
      const row = await db
        .selectFrom('person_sessions as s')
        .innerJoin('people as p', 'p.id', 's.person_id')
        .selectAll('s')
        .where('s.secret_hash', '=', secretHashOf(secret))
        .where('s.ended_at', 'is', null)
        .where('s.expires_at', '>', at)
        .where('s.last_seen_at', '>', isoUtc(new Date(now.getTime() - idleMs)))
        .where('p.status', '=', 'active')
        .executeTakeFirst();
      if (!row) return null;
      // Every call the desk makes resolves the session: it is marked seen at most once a
      // minute, so reading a page is not a write each time (an idle limit is hours long).
      const stale = row.last_seen_at < isoUtc(new Date(now.getTime() - seenEveryMs));
      if (stale) {
        await db
          .updateTable('person_sessions')
          .set({ last_seen_at: at })
          .where('id', '=', row.id)
          .where('last_seen_at', '<', at)
          .execute();
      }
      const person = await personById(db, row.person_id);
      if (!person || person.status !== 'active') return null;
      return { session: sessionOf(stale ? { ...row, last_seen_at: at } : row), person };
    },

    async list(personId, { idleMs, now = new Date() }) {
      const rows = await liveSessions(db, idleMs, now)
        .where('person_id', '=', personId)
        .orderBy('last_seen_at', 'desc')
        .orderBy('id', 'desc')
        .limit(maxListed)
        .execute();
      return rows.map(sessionOf);
    },

    async end(personId, sessionId) {
      const result = await db
        .updateTable('person_sessions')
        .set({ ended_at: isoUtc(new Date()) })
        .where('id', '=', sessionId)
        .where('person_id', '=', personId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async endAll(personId, { exceptSessionId } = {}) {
      let update = db
        .updateTable('person_sessions')
        .set({ ended_at: isoUtc(new Date()) })
        .where('person_id', '=', personId)
        .where('ended_at', 'is', null);
      if (exceptSessionId) update = update.where('id', '!=', exceptSessionId);
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async prune({ idleMs, now = new Date() }) {
      const at = isoUtc(now);
      const result = await db
        .deleteFrom('person_sessions')
        .where((eb) =>
          eb.or([
            eb('ended_at', 'is not', null),
            eb('expires_at', '<=', at),
            eb('last_seen_at', '<=', isoUtc(new Date(now.getTime() - idleMs))),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function liveSessions(db: Kysely<Database>, idleMs: number, now: Date) {
  return db
    .selectFrom('person_sessions')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('expires_at', '>', isoUtc(now))
    .where('last_seen_at', '>', isoUtc(new Date(now.getTime() - idleMs)));
}

function sessionOf(row: Selectable<PersonSessionsTable>): SessionInfo {
  return {
    id: row.id,
    personId: row.person_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
    address: row.address,
  };
}
