import { type Kysely, sql } from 'kysely';
import type { Database } from '../kysely/database.js';

/** The outbox's advisory lock: a fixed number no other part of Newsroom uses ("nr" "ev"). */
const outboxLock = 0x6e72_6576;

/**
 * Taken by a write's transaction just before it adds its event, and held to its commit: of two
 * writes, the one that takes it second gets the higher event id and commits second, so a reader
 * never sees id n+1 before n. Events are the last thing a write adds, so the lock is held only
 * for that insert and the commit.
 */
export async function takeOutboxLock(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${outboxLock})`.execute(trx);
}
