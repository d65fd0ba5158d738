import type { Store } from '@newsroom/db';

/** The part of a ResponseCache (or any cache filed by key) the follower purges. */
export interface PurgeableCache {
  purge(keys: readonly string[]): number;
}

export interface CachePurge {
  /** Reads the events written since it last looked and purges their keys; resolves when done. */
  catchUp(): Promise<void>;
  /** The last event whose keys were purged (null before the first). */
  handledThrough(): string | null;
  stop(): Promise<void>;
}

const batch = 500;

/**
 * Keeps a cache in step with the outbox: on every change this process hears of (its own
 * writes, and other processes' through the Store's change notices), and every `pollMs` in case
 * a notice was lost, it reads the events after the last one it handled and purges the answers
 * holding their keys. Events are kept for days, so a notice missed, or a stream of them
 * coalesced, loses nothing: the next read finds every event since. It starts from the newest
 * event when it starts, the cache being empty then.
 */
export async function followEventsIntoCache(options: {
  store: Store;
  cache: PurgeableCache;
  onError: (error: unknown) => void;
  pollMs?: number;
}): Promise<CachePurge> {
  const { store, cache, onError, pollMs = 1_000 } = options;
  let last = await store.events.latestId();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function read(): Promise<void> {
    for (;;) {
      const events = await store.events.after(last, { limit: batch });
      for (const event of events) {
        cache.purge(event.cacheKeys);
        last = event.id;
      }
      if (events.length < batch) return;
    }
  }

  /** One read at a time; a wake during one runs another right after, since it may have missed the newest. */
  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await read();
        } catch (error) {
          // The database busy or gone: the next wake or poll reads again from the same place.
          onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = store.changes.subscribe(() => void catchUp());
  const timer = setInterval(() => void catchUp(), pollMs).unref();
  return {
    catchUp,
    handledThrough: () => last,
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      await running;
    },
  };
}
