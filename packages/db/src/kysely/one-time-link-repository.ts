import type { Kysely } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { OneTimeLinkKind, OneTimeLinkRepository } from '../store.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { maxSecretLength, newSecret, secretHashOf } from './secrets.js';

const kinds: readonly OneTimeLinkKind[] = ['invitation', 'reset'];

/**
 * Invitation and reset links. Creating one deletes the person's earlier link of that kind, so
 * only the newest link sent works; consuming is one conditional update, so a link clicked twice
 * at once signs in once.
 */
export function createOneTimeLinkRepository(db: Kysely<Database>): OneTimeLinkRepository {
  return {
    async create(personId, kind, { ttlMs, now = new Date() }) {
      checkKind(kind);
      if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) {
        throw new InvalidInputError('a link lifetime is a positive whole number of milliseconds');
      }
      const secret = newSecret();
      const expiresAt = isoUtc(new Date(now.getTime() + ttlMs));
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('one_time_links')
          .where('person_id', '=', personId)
          .where('kind', '=', kind)
          .execute();
        await trx
          .insertInto('one_time_links')
          .values({
            secret_hash: secretHashOf(secret),
            person_id: personId,
            kind,
            created_at: isoUtc(now),
            expires_at: expiresAt,
            used_at: null,
          })
          .execute();
      });
      return { secret, expiresAt };
    },

    async peek(secret, kind, now = new Date()) {
      checkKind(kind);
      if (secret.length === 0 || secret.length > maxSecretLength) return null;
      const row = await db
        .selectFrom('one_time_links')
        .select(['person_id', 'expires_at'])
        .where('secret_hash', '=', secretHashOf(secret))
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', isoUtc(now))
        .executeTakeFirst();
      return row ? { personId: row.person_id, expiresAt: row.expires_at } : null;
    },

    async consume(secret, kind, now = new Date()) {
      checkKind(kind);
      if (secret.length === 0 || secret.length > maxSecretLength) return null;
      const row = await db
        .updateTable('one_time_links')
        .set({ used_at: isoUtc(now) })
        .where('secret_hash', '=', secretHashOf(secret))
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', isoUtc(now))
        .returning('person_id')
        .executeTakeFirst();
      return row?.person_id ?? null;
    },
  };
}

function checkKind(kind: OneTimeLinkKind): void {
  if (!kinds.includes(kind)) throw new InvalidInputError(`unknown link kind "${kind}"`);
}
