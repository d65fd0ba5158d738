import { type Kysely, sql } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { RateLimitRepository, RateLimitWindow } from '../store.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';

/** Keys are made by the API from a limit's name and a hashed token or an address. */
const maxKeyLength = 200;

/**
 * Fixed-window counters in the database. A hit is one upsert, atomic on both backends, so two
 * processes counting the same key at once both count: the window restarts when a hit arrives
 * after it ended.
 */
export function createRateLimitRepository(db: Kysely<Database>): RateLimitRepository {
  return {
    async hit(key, windowMs, now = new Date()) {
      checkKey(key);
      if (!Number.isSafeInteger(windowMs) || windowMs < 1) {
        throw new InvalidInputError('a rate-limit window is a positive whole number of milliseconds');
      }
      const at = isoUtc(now);
      const ended = sql<boolean>`rate_limits.window_ends_at <= ${at}`;
      const row = await db
        .insertInto('rate_limits')
        .values({ key, hits: 1, window_ends_at: isoUtc(new Date(now.getTime() + windowMs)) })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            hits: sql`case when ${ended} then 1 else rate_limits.hits + 1 end`,
            window_ends_at: sql`case when ${ended} then excluded.window_ends_at else rate_limits.window_ends_at end`,
          }),
        )
        .returning(['hits', 'window_ends_at'])
        .executeTakeFirstOrThrow();
      return windowOf(row);
    },

    async peek(key, now = new Date()) {
      checkKey(key);
      const row = await db
        .selectFrom('rate_limits')
        .select(['hits', 'window_ends_at'])
        .where('key', '=', key)
        .where('window_ends_at', '>', isoUtc(now))
        .executeTakeFirst();
      return row ? windowOf(row) : { hits: 0, windowEndsAt: now };
    },

    async prune(now = new Date()) {
      const result = await db
        .deleteFrom('rate_limits')
        .where('window_ends_at', '<=', isoUtc(now))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > maxKeyLength) {
    throw new InvalidInputError(`a rate-limit key has 1 to ${maxKeyLength} characters`);
  }
}

function windowOf(row: { hits: number | string; window_ends_at: string }): RateLimitWindow {
  return { hits: Number(row.hits), windowEndsAt: new Date(row.window_ends_at) };
}
