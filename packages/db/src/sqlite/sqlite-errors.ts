import { StoreUnavailableError } from '../errors.js';

/**
 * SQLite's result codes that mean "not now" rather than "never" (https://sqlite.org/rescode.html).
 * BUSY and LOCKED come after the busy timeout, while another connection holds the write lock;
 * FULL is a full disk, or the file at its max_page_count. SQLite has rolled the statement (and
 * for FULL, the whole transaction) back by then, so nothing of the call is in the file.
 */
const sqliteBusy = 5;
const sqliteLocked = 6;
const sqliteFull = 13;

/** node:sqlite's error as the Store's StoreUnavailableError when it is one of those; else unchanged. */
export function sqliteStoreErrorOf(error: unknown): unknown {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (code !== 'ERR_SQLITE_ERROR' || typeof errcode !== 'number') return error;
  // Extended codes (SQLITE_BUSY_SNAPSHOT = 517, …) keep the primary code in the low byte.
  const primary = errcode & 0xff;
  if (primary === sqliteBusy || primary === sqliteLocked)
    return new StoreUnavailableError('busy', { cause: error });
  if (primary === sqliteFull) return new StoreUnavailableError('full', { cause: error });
  return error;
}
