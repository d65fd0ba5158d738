import { openStore, type Store } from '@newsroom/db';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { storeWith } from '../testing/store-with.js';

let api: TestApi | undefined;
let store: Store | undefined;
afterEach(async () => {
  await api?.close();
  await store?.close().catch(() => {});
  api = undefined;
  store = undefined;
});

async function get(path: string) {
  const res = await fetch(`${api?.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const withPing = (real: Store, ping: Store['ping']) => storeWith(real, { ping });

describe('/healthz', () => {
  it('says the process is alive without asking the database', async () => {
    store = await openStore(':memory:');
    api = await startTestApi(withPing(store, () => Promise.reject(new Error('down'))));
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('/readyz', () => {
  it('is 200 when the database answers', async () => {
    store = await openStore(':memory:');
    api = await startTestApi(store);
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', eventLagSeconds: 0 } });
  });

  it('reports how far webhook delivery lags, and is 503 past READY_MAX_EVENT_LAG_S', async () => {
    store = await openStore(':memory:');
    const tenMinutesAgo = new Date(Date.now() - 600_000);
    const lagging = storeWith(store, {
      webhooks: { waitingEvents: async () => ({ count: 4, oldestAt: tenMinutesAgo }) },
    });
    api = await startTestApi(lagging);
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', eventLagSeconds: 600 } });
    await api.close();

    api = await startTestApi(lagging, { READY_MAX_EVENT_LAG_S: 300 });
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: {
        status: 'lagging',
        eventLagSeconds: 600,
        message: 'Webhook delivery is 600 s behind the outbox (READY_MAX_EVENT_LAG_S is 300)',
      },
    });
    await api.close();

    api = await startTestApi(lagging, { READY_MAX_EVENT_LAG_S: 900 });
    expect((await get('/readyz')).status).toBe(200);
  });

  it('is 503 when the database says no or fails', async () => {
    store = await openStore(':memory:');
    api = await startTestApi(withPing(store, async () => false));
    expect((await get('/readyz')).status).toBe(503);
    await api.close();
    api = await startTestApi(withPing(store, () => Promise.reject(new Error('SQLITE_BUSY'))));
    const failing = await get('/readyz');
    expect(failing.status).toBe(503);
    expect(JSON.stringify(failing.body)).not.toContain('SQLITE');
  });

  it('is 503 once the Store is closed', async () => {
    store = await openStore(':memory:');
    api = await startTestApi(store);
    await store.close();
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/healthz')).status).toBe(200);
  });
});
