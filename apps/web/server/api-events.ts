import { setTimeout as sleep } from 'node:timers/promises';

const firstRetryMs = 500;
const lastRetryMs = 30_000;

export interface ApiEventHandlers {
  /** An event readers may see, by the cache keys it names. */
  onEvent(cacheKeys: string[]): void;
  /**
   * A stream that starts from now, the first or after one that could not be resumed: whatever
   * happened before it is unknown, so everything kept may be out of date.
   */
  onFresh(): void;
}

/**
 * Follows the API's public `GET /events` stream and hands each event's cache keys to
 * `onEvent`. After a drop it reconnects with `Last-Event-ID`, and the API sends what was missed
 * from the events it keeps, so nothing is lost in between; a stream that cannot be resumed (the
 * API refuses the id) starts afresh, and `onFresh` says so. It waits longer after each failure.
 * Until the API first answers (the site and the API starting together, as `npm start` does) it
 * keeps trying without a word: only a stream it had and lost, or an answer that is not a
 * stream, is reported. Returns the function that stops, which resolves once nothing more will
 * happen.
 */
export function followApiEvents(
  apiUrl: string,
  handlers: ApiEventHandlers,
  options: { onConnectionLost?: (error: unknown) => void } = {},
): () => Promise<void> {
  const controller = new AbortController();
  let delay = firstRetryMs;
  let answered = false;
  let lastId: string | null = null;

  async function follow(): Promise<void> {
    const response = await fetch(new URL('/events', apiUrl), {
      signal: controller.signal,
      headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
    });
    answered = true;
    if (response.status === 400 && lastId) {
      // Not an id the API knows (another database, say): start again from now.
      await response.body?.cancel();
      lastId = null;
      throw new Error('GET /events refused to resume; starting from now');
    }
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET /events answered ${response.status}`);
    }
    if (!lastId) handlers.onFresh();
    delay = firstRetryMs;
    let buffered = '';
    for await (const text of response.body.pipeThrough(new TextDecoderStream())) {
      buffered += text;
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) {
          const keys = cacheKeysOf(data);
          // An event it cannot read could be about anything kept.
          if (keys) handlers.onEvent(keys);
          else handlers.onFresh();
          lastId = id;
        }
        end = buffered.indexOf('\n\n');
      }
      // An event is a few kilobytes at most: a stream that grows without one is not the API.
      if (buffered.length > 1_048_576) throw new Error('GET /events sent something that is not events');
    }
    throw new Error('GET /events ended');
  }

  const finished = (async () => {
    while (!controller.signal.aborted) {
      try {
        await follow();
      } catch (error) {
        if (controller.signal.aborted) return;
        if (answered) options.onConnectionLost?.(error);
      }
      await sleep(delay, undefined, { signal: controller.signal, ref: false }).catch(() => {});
      delay = Math.min(delay * 2, lastRetryMs);
    }
  })();

  return () => {
    controller.abort();
    return finished;
  };
}

/** The cache keys of an event as the stream sends it; null if it is not one. */
function cacheKeysOf(data: string): string[] | null {
  try {
    const keys = (JSON.parse(data) as { cacheKeys?: unknown }).cacheKeys;
    return Array.isArray(keys) && keys.every((key) => typeof key === 'string') ? keys : null;
  } catch {
    return null;
  }
}
