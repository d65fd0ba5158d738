import { openStore, type Store } from '@newsroom/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let store: Store;
let api: TestApi;
beforeEach(async () => {
  store = await openStore(':memory:');
  api = await startTestApi(store);
});
afterEach(async () => {
  await api.close();
  await store.close();
});

/** Reads Server-Sent Events from a stream, one `event:` name at a time. */
function eventsOf(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  return async function next(): Promise<string | null> {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const name = /^event: (.+)$/m.exec(block)?.[1];
        if (name) return name;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += value;
    }
  };
}

describe('GET /changes', () => {
  it('says it is ready, then tells of every write, and carries no content', async () => {
    const response = await fetch(`${api.url}/changes`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const next = eventsOf(response.body as ReadableStream<Uint8Array>);
    expect(await next()).toBe('ready');

    await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
    expect(await next()).toBe('change');
    await store.sections.upsert({ slug: 'arts', name: 'Arts', description: null, order: 1 });
    expect(await next()).toBe('change');
  });

  it('ends when the API stops, so a graceful stop does not wait for it', async () => {
    const response = await fetch(`${api.url}/changes`);
    const next = eventsOf(response.body as ReadableStream<Uint8Array>);
    expect(await next()).toBe('ready');
    const started = Date.now();
    await api.close();
    expect(await next()).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
