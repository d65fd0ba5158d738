import { type Kysely, sql } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { SignInThrottleRepository } from '../store.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';

/** Keys are `email:<email>` (an email has at most 254 characters) or `address:<ip>`. */
const maxKeyLength = 300;
/** A sign-in names an email and an address; a few more keys leave room, not a loop. */
const maxKeys = 10;

/**
 * Failed sign-ins per key, in the database so every API process counts the same failures.
 * Counting is one upsert per key (atomic on both backends); the wait it imposes follows from
 * the count it returns.
 */
export function createSignInThrottleRepository(db: Kysely<Database>): SignInThrottleRepository {
  return {
    async wait(keys, now = new Date()) {
      checkKeys(keys);
      if (keys.length === 0) return 0;
      const rows = await db
        .selectFrom('sign_in_failures')
        .select('next_allowed_at')
        .where('key', 'in', keys)
        .where('next_allowed_at', '>', isoUtc(now))
        .execute();
      return Math.max(0, ...rows.map((row) => Date.parse(row.next_allowed_at) - now.getTime()));
    },

    async fail(keys, policy, now = new Date()) {
      checkKeys(keys);
      checkPolicy(policy);
      const at = isoUtc(now);
      let longest = 0;
      for (const key of keys) {
        const { failures } = await db
          .insertInto('sign_in_failures')
          .values({ key, failures: 1, next_allowed_at: at, updated_at: at })
          .onConflict((conflict) =>
            conflict.column('key').doUpdateSet({
              failures: sql`sign_in_failures.failures + 1`,
              updated_at: at,
            }),
          )
          .returning('failures')
          .executeTakeFirstOrThrow();
        const delay = delayAfter(Number(failures), policy);
        if (delay > 0) {
          await db
            .updateTable('sign_in_failures')
            .set({ next_allowed_at: isoUtc(new Date(now.getTime() + delay)) })
            .where('key', '=', key)
            .execute();
        }
        longest = Math.max(longest, delay);
      }
      return longest;
    },

    async clear(keys) {
      checkKeys(keys);
      if (keys.length === 0) return;
      await db.deleteFrom('sign_in_failures').where('key', 'in', keys).execute();
    },
  };
}

/**
 * Nothing before the free failures are used up; from the last free one on, the next attempt
 * waits base × 2^(failures − free), capped: with five free, the sixth attempt already waits.
 */
function delayAfter(
  failures: number,
  {
    freeFailures,
    baseDelayMs,
    maxDelayMs,
  }: { freeFailures: number; baseDelayMs: number; maxDelayMs: number },
): number {
  if (failures < freeFailures) return 0;
  // Past 2^40 the cap has long applied; the exponent stays small so the number stays exact.
  const doublings = Math.min(failures - freeFailures, 40);
  return Math.min(baseDelayMs * 2 ** doublings, maxDelayMs);
}

function checkKeys(keys: readonly string[]): void {
  if (keys.length > maxKeys) throw new InvalidInputError(`at most ${maxKeys} throttle keys at once`);
  for (const key of keys) {
    if (key.length === 0 || key.length > maxKeyLength) {
      throw new InvalidInputError(`a throttle key has 1 to ${maxKeyLength} characters`);
    }
  }
}

function checkPolicy({
  freeFailures,
  baseDelayMs,
  maxDelayMs,
}: {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
}): void {
  const whole = (value: number) => Number.isSafeInteger(value) && value >= 0;
  if (!whole(freeFailures) || !whole(baseDelayMs) || !whole(maxDelayMs) || baseDelayMs > maxDelayMs) {
    throw new InvalidInputError(
      'a throttle policy is whole numbers, with the base delay at most the longest',
    );
  }
}
