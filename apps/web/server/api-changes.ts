const firstRetryMs = 500;
const lastRetryMs = 30_000;

/**
 * Follows the API's `GET /changes` stream and calls `onChange` for every `change` event, and
 * for every `ready` (each connection, first or after a drop: whatever happened meanwhile was
 * missed). Reconnects after a drop, waiting longer after each failure. Returns the function
 * that stops.
 */
export function followApiChanges(
  apiUrl: string,
  onChange: () => void,
  options: { onConnectionLost?: (error: unknown) => void } = {},
): () => void {
  const controller = new AbortController();
  let delay = firstRetryMs;

  async function follow(): Promise<void> {
    const response = await fetch(new URL('/changes', apiUrl), {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
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

  (async () => {
    while (!controller.signal.aborted) {
      try {
        await follow();
      } catch (error) {
        if (controller.signal.aborted) return;
        options.onConnectionLost?.(error);
      }
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      delay = Math.min(delay * 2, lastRetryMs);
    }
  })();

  return () => controller.abort();
}
