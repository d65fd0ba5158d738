import type { Store } from '@newsroom/db';
import type { EventType, NewsroomEvent } from '@newsroom/domain';

/** Events read from the outbox at a time while catching up. */
const batchSize = 200;

/**
 * The outbox's events after the one with id `after` (every kept one for null), then each new
 * one as it is written on any API instance: the Store's change notices wake the reader, which
 * reads what follows the last event it gave. Ends when `signal` aborts.
 */
export async function* liveEvents(
  store: Store,
  options: { after: string | null; types?: readonly EventType[]; signal: AbortSignal },
): AsyncGenerator<NewsroomEvent> {
  const { signal } = options;
  let last = options.after;
  // Set by a change notice: there may be events to read. The first read catches up.
  let pending = true;
  let wake: (() => void) | null = null;
  const notice = () => {
    pending = true;
    wake?.();
  };
  const unsubscribe = store.changes.subscribe(notice);
  signal.addEventListener('abort', notice);
  try {
    while (!signal.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      pending = false;
      for (;;) {
        const batch = await store.events.after(last, {
          limit: batchSize,
          ...(options.types ? { types: options.types } : {}),
        });
        for (const event of batch) {
          last = event.id;
          yield event;
          if (signal.aborted) return;
        }
        if (batch.length < batchSize) break;
      }
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', notice);
  }
}
