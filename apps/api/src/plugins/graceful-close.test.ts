import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '@newsroom/db';
import type { ArticleSummary, Page } from '@newsroom/domain';
import { seedIfEmpty } from '@newsroom/sample';
import { describe, expect, it } from 'vitest';
import { createApi } from '../app.js';
import { storeWith } from '../testing/store-with.js';

describe('closing the API', () => {
  it('lets a request in flight finish before it resolves, and refuses new connections', async () => {
    const store = await openStore(':memory:');
    await seedIfEmpty(store, { count: 3, seed: 1 });
    // article.list waits for the test's word, so the request is surely in flight during close().
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = storeWith(store, {
      articles: {
        list: async (query) => {
          entered();
          await gate;
          return store.articles.list(query);
        },
      },
    });
    const app = await createApi({ store: slow, logger: false, config: { API_SCHEDULER_INTERVAL_MS: 0 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const answer = fetch(`${url}/article.list?input=%7B%22limit%22%3A2%7D`).then(async (res) => ({
      status: res.status,
      connection: res.headers.get('connection'),
      body: (await res.json()) as { result: { data: Page<ArticleSummary> } },
    }));
    await inFlight;

    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    // Bounded wait until the server stops accepting (close() has begun).
    for (let i = 0; i < 200 && app.server.listening; i++) await sleep(10);
    expect(app.server.listening).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    release();
    const { status, connection, body } = await answer;
    expect(status).toBe(200);
    // Its connection goes with it, or a keep-alive client would hold the close open.
    expect(connection).toBe('close');
    expect(body.result.data.items).toHaveLength(2);
    await closing;
    expect(closed).toBe(true);
    await store.close();
  });
});
