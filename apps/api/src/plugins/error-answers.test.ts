import type { AddressInfo } from 'node:net';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../app.js';
import { createNewsroomClient, errorCodeOf } from '../client.js';
import { storeWith } from '../testing/store-with.js';

// A Store whose reads fail the way a broken database does: with a plain Error whose message
// names things a client must never see.
const secret = 'SQLITE_CORRUPT: database disk image is malformed at /srv/newsroom/secret.db';

let store: Store;
let app: FastifyInstance;
let url: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  const fail = () => Promise.reject(new Error(secret));
  const broken = storeWith(store, { articles: { list: fail }, tokens: { resolve: fail } });
  app = await createApi({
    store: broken,
    config: { LOG_LEVEL: 'error', API_SCHEDULER_INTERVAL_MS: 0 },
    logDestination: { write: (line: string) => void logLines.push(JSON.parse(line)) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('an unexpected failure', () => {
  it('reaches the client as a generic INTERNAL_SERVER_ERROR that names the request id', async () => {
    const res = await fetch(`${url}/article.list?input=%7B%7D`, {
      headers: { 'x-request-id': 'req-broken-1' },
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).not.toContain('SQLITE');
    expect(text).not.toContain('/srv/');
    const body = JSON.parse(text);
    expect(body.error.message).toBe('Internal server error; quote request id req-broken-1 when reporting it');
    expect(body.error.data.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body.error.data.stack).toBeUndefined();
  });

  it('is logged with the request id and the real cause', async () => {
    await fetch(`${url}/article.list?input=%7B%7D`, { headers: { 'x-request-id': 'req-broken-2' } });
    const entry = logLines.find((line) => line.reqId === 'req-broken-2' && line.level === 50);
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).toContain('SQLITE_CORRUPT');
  });

  it('while resolving a token is hidden the same way', async () => {
    const res = await fetch(`${url}/article.bySlug?input=%7B%22slug%22%3A%22x%22%7D`, {
      headers: { authorization: 'Bearer some-token', 'x-request-id': 'req-broken-3' },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('SQLITE');
    expect(JSON.parse(text).error.message).toContain('req-broken-3');
    expect(
      logLines.some((line) => line.reqId === 'req-broken-3' && JSON.stringify(line).includes('SQLITE')),
    ).toBe(true);
  });

  it('in a batch fails only its own call', async () => {
    const client = createNewsroomClient(url);
    const [list, missing] = await Promise.all([
      client.article.list.query({}).catch((error: unknown) => error),
      client.article.bySlug.query({ slug: 'missing' }).catch((error: unknown) => error),
    ]);
    expect(errorCodeOf(list)).toBe('INTERNAL_SERVER_ERROR');
    expect((list as Error).message).not.toContain('SQLITE');
    expect(errorCodeOf(missing)).toBe('NOT_FOUND');
  });
});
