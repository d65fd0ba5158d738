import type { ChangeFeed } from './store.js';

/** How a backend tells other processes about a write, and hears about theirs. */
export interface ChangeBroadcast {
  /** Tells the other processes; called after a write has committed. */
  announce(): Promise<void>;
  /**
   * Starts hearing the other processes: `onChange` for each of their notices (and after a lost
   * connection is restored). Resolves to the function that stops.
   */
  listen(onChange: () => void): Promise<() => Promise<void>>;
}

export interface WritableChangeFeed extends ChangeFeed {
  /** Called after every write: tells this process's listeners, then the other processes. */
  changed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Store's change feed. Listening to other processes starts with the first subscriber, so
 * a CLI run that only writes never opens a notification connection.
 */
export function createChangeFeed(broadcast?: ChangeBroadcast): WritableChangeFeed {
  const listeners = new Set<() => void>();
  let listening: Promise<() => Promise<void>> | undefined;

  function notify(): void {
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // One broken listener must not keep the others (or the write's caller) from going on.
      }
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (broadcast && !listening) {
        listening = broadcast.listen(notify);
        // Failing to listen leaves caches to their time limit; it must not fail a request.
        listening.catch(() => {});
      }
      return () => listeners.delete(listener);
    },
    async listening() {
      // A failure to listen was reported where it happened; there is nothing more to wait for.
      await listening?.catch(() => undefined);
    },
    async changed() {
      notify();
      try {
        await broadcast?.announce();
      } catch {
        // The write has committed and must be reported as done: other processes' caches
        // then catch up by their time limit.
      }
    },
    async close() {
      listeners.clear();
      const stop = await listening?.catch(() => undefined);
      await stop?.();
    },
  };
}

type Method = (...args: never[]) => unknown;

/**
 * The repository with each named method calling `changed` once its write has finished (for a
 * method returning an async generator, when the caller has finished reading it). A failed
 * write changed nothing and announces nothing.
 */
export function announcingWrites<T extends object>(
  repository: T,
  methods: readonly (keyof T & string)[],
  changed: () => Promise<void>,
): T {
  const wrapped = { ...repository } as Record<string, unknown>;
  for (const name of methods) {
    const original = repository[name] as Method;
    wrapped[name] = (...args: never[]) => {
      const result = original.apply(repository, args);
      if (isAsyncGenerator(result)) return announceAfterReading(result, changed);
      return Promise.resolve(result).then(async (value) => {
        await changed();
        return value;
      });
    };
  }
  return wrapped as T;
}

async function* announceAfterReading<Y>(
  results: AsyncGenerator<Y>,
  changed: () => Promise<void>,
): AsyncGenerator<Y> {
  let reading = false;
  try {
    for await (const result of results) {
      reading = true;
      yield result;
    }
  } finally {
    if (reading) await changed();
  }
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
