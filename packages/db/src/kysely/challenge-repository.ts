import type { Kysely } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { ChallengeKind, ChallengeRepository } from '../store.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { maxSecretLength, newSecret, secretHashOf } from './secrets.js';

const kinds: readonly ChallengeKind[] = ['second-factor', 'passkey-registration', 'passkey-sign-in'];
/** A WebAuthn challenge or a small JSON state; never a document. */
const maxValue = 2_000;
/** Ceremonies take minutes; nothing here should outlive an hour. */
const maxTtlMs = 60 * 60_000;

/**
 * Ceremony state between two requests. Taking is a DELETE … RETURNING: whichever of two
 * concurrent takes deletes the row gets it, the other gets null.
 */
export function createChallengeRepository(db: Kysely<Database>): ChallengeRepository {
  return {
    async create({ kind, personId, value, ttlMs, now = new Date() }) {
      checkKind(kind);
      if (value.length > maxValue)
        throw new InvalidInputError(`a challenge holds at most ${maxValue} characters`);
      if (!Number.isSafeInteger(ttlMs) || ttlMs < 1 || ttlMs > maxTtlMs) {
        throw new InvalidInputError('a challenge lives from 1 ms to an hour');
      }
      const secret = newSecret();
      const expiresAt = isoUtc(new Date(now.getTime() + ttlMs));
      await db
        .insertInto('auth_challenges')
        .values({
          secret_hash: secretHashOf(secret),
          kind,
          person_id: personId,
          value,
          expires_at: expiresAt,
        })
        .execute();
      return { secret, expiresAt };
    },

    async take(secret, kind, now = new Date()) {
      checkKind(kind);
      if (secret.length === 0 || secret.length > maxSecretLength) return null;
      const row = await db
        .deleteFrom('auth_challenges')
        .where('secret_hash', '=', secretHashOf(secret))
        .where('kind', '=', kind)
        .returning(['person_id', 'value', 'expires_at'])
        .executeTakeFirst();
      // An expired one is spent all the same: it is of no use to anyone.
      if (!row || row.expires_at <= isoUtc(now)) return null;
      return { personId: row.person_id, value: row.value };
    },

    async prune(now = new Date()) {
      const result = await db
        .deleteFrom('auth_challenges')
        .where('expires_at', '<=', isoUtc(now))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function checkKind(kind: ChallengeKind): void {
  if (!kinds.includes(kind)) throw new InvalidInputError(`unknown challenge kind "${kind}"`);
}
