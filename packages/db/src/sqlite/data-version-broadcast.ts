import { type Kysely, sql } from 'kysely';
import type { ChangeBroadcast } from '../change-feed.js';
import type { Database } from '../kysely/database.js';

/** How often another process's commits are looked for. */
const pollMs = 1_000;

/**
 * Change notices between processes on one SQLite file (the API, and a CLI import beside it).
 * SQLite has no NOTIFY, but `PRAGMA data_version` on a connection changes whenever another
 * connection has committed to the file: polled once a second, that is a notice within a second.
 * Nothing needs announcing; the commit is the announcement.
 */
export function dataVersionBroadcast(db: Kysely<Database>): ChangeBroadcast {
  return {
    async announce() {},
    async listen(onChange) {
      const version = async () =>
        Number((await sql<{ data_version: number }>`pragma data_version`.execute(db)).rows[0]?.data_version);
      let last = await version();
      let polling: Promise<void> | undefined;
      const timer = setInterval(() => {
        polling ??= version()
          .then((current) => {
            if (current !== last) {
              last = current;
              onChange();
            }
          })
          // A busy or closing database: try again at the next tick.
          .catch(() => {})
          .finally(() => {
            polling = undefined;
          });
      }, pollMs).unref();
      return async () => {
        clearInterval(timer);
        await polling;
      };
    },
  };
}
