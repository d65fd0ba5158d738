import { setTimeout as sleep } from 'node:timers/promises';

const firstRetryMs = 500;
const lastRetryMs = 30_000;

/**
 * Follows the API's `GET /changes` stream and calls `onChange` for every `change` event, and
 * for every `ready` (each connection, first or after a drop: whatever happened meanwhile was
 * missed). Reconnects after a drop, waiting longer after each failure. Until the API first
 * answers (the site and the API starting together, as `npm start` does) it keeps trying without
 * a word: only a stream it had and lost, or an answer that is not a stream, is reported.
 * Returns the function that stops, which resolves once nothing more will happen.
 */
export function followApiChanges(
  apiUrl: string,
  onChange: () => void,
  options: { onConnectionLost?: (error: unknown) => void } = {},
): () => Promise<void> {
  const controller = new AbortController();
  let delay = firstRetryMs;
  let answered = false;

  async function follow(): Promise<void> {
    const response = await fetch(new URL('/changes', apiUrl), {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    answered = true;
    if (response.status !== 200 || !response.body) {
      throw new Error(`GET /changes answered ${response.status}`);
    }
    let buffered = '';
    for await (const text of response.body.pipeThrough(new TextDecoderStream())) {
      buffered += text;
      let end = buffered.indexOf('\n\n');
      while (end >= 0) {
        const event = /^event: (\w+)$/m.exec(buffered.slice(0, end))?.[1];
        buffered = buffered.slice(end + 2);
        if (event === 'ready') delay = firstRetryMs;
        if (event === 'ready' || event === 'change') onChange();
        end = buffered.indexOf('\n\n');
      }
      // An event is a few bytes: a stream that grows without one is not the API.
      if (buffered.length > 65_536) throw new Error('GET /changes sent something that is not events');
    }
    throw new Error('GET /changes ended');
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
