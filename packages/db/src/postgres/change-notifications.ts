import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { ChangeBroadcast } from '../change-feed.js';
import type { Database } from '../kysely/database.js';

/** The NOTIFY channel every Newsroom process on a database shares. */
export const changeChannel = 'newsroom_changes';

/** Starts receiving notices on the channel; resolves to the function that stops. */
export type ChannelListener = (
  onNotice: (payload: string) => void,
  onReconnected: () => void,
) => Promise<() => Promise<void>>;

/**
 * Change notices over PostgreSQL's NOTIFY: each Store names itself in its notices, so it hears
 * only the others' (its own listeners were told at once).
 */
export function postgresBroadcast(db: Kysely<Database>, listen: ChannelListener): ChangeBroadcast {
  const self = randomUUID();
  return {
    async announce() {
      await sql`select pg_notify(${changeChannel}, ${self})`.execute(db);
    },
    listen(onChange) {
      return listen((payload) => {
        if (payload !== self) onChange();
      }, onChange);
    },
  };
}

const firstRetryMs = 500;
const lastRetryMs = 30_000;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). When the
 * connection drops it reconnects, waiting longer after each failure, and reports the
 * reconnection, since notices sent meanwhile are lost.
 */
export function serverChannelListener(connectionString: string): ChannelListener {
  return async (onNotice, onReconnected) => {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    let delay = firstRetryMs;

    async function connect(): Promise<void> {
      // Loaded here, as in pg-pool.ts: processes on SQLite never load pg.
      const { Client } = (await import('pg')).default;
      const next = new Client({ connectionString });
      next.on('notification', (message) => onNotice(message.payload ?? ''));
      // Without an 'error' listener a dropped connection would crash the process; 'end' follows.
      next.on('error', () => {});
      next.on('end', () => {
        if (client === next) reconnectLater();
      });
      try {
        await next.connect();
        await next.query(`listen ${changeChannel}`);
      } catch (error) {
        await next.end().catch(() => {});
        throw error;
      }
      if (stopped) await next.end();
      else client = next;
    }

    function reconnectLater(): void {
      client = undefined;
      if (stopped || retry) return;
      retry = setTimeout(async () => {
        retry = undefined;
        try {
          await connect();
          delay = firstRetryMs;
          onReconnected();
        } catch {
          delay = Math.min(delay * 2, lastRetryMs);
          reconnectLater();
        }
      }, delay).unref();
    }

    try {
      await connect();
    } catch {
      reconnectLater();
    }
    return async () => {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    };
  };
}

/** PGlite delivers NOTIFY to listeners on the same instance: how tests play several processes. */
export function pgliteChannelListener(pglite: PGlite): ChannelListener {
  return async (onNotice) => {
    const unlisten = await pglite.listen(changeChannel, onNotice);
    return async () => {
      if (!pglite.closed) await unlisten();
    };
  };
}
