import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../testing/call-api.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// Requests a client should never send: wrong methods and media types, broken JSON, batches over
// the limit. Each gets a clear answer and changes nothing.

let store: Store;
let api: TestApi;
let adminToken: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  adminToken = (await store.tokens.create({ name: 'Ops', role: 'admin' })).token;
  api = await startTestApi(store, { API_MAX_BATCH: 20 });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

const draft = { headline: 'Never stored', body: [{ type: 'paragraph', text: 'Words.' }] };

async function articleCount(): Promise<number> {
  return store.articleCount();
}

async function raw(path: string, init: RequestInit): Promise<ApiAnswer> {
  const res = await fetch(`${api.url}${path}`, init);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('a method other than GET, HEAD or POST', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    '%s is a 405 that names the methods to use',
    async (method) => {
      for (const path of ['/article.list', '/article.create']) {
        const res = await raw(path, { method, headers: { authorization: `Bearer ${adminToken}` } });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.body.error.message).toContain('use GET for queries and POST for mutations');
      }
    },
  );

  it('a mutation sent as GET is a 405 and stores nothing', async () => {
    const before = await articleCount();
    const input = encodeURIComponent(JSON.stringify(draft));
    const res = await raw(`/article.create?input=${input}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(405);
    expect(await articleCount()).toBe(before);
  });
});

describe('a POST body', () => {
  it.each([
    ['text/plain', JSON.stringify(draft)],
    ['application/x-www-form-urlencoded', 'headline=Never+stored'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="headline"\r\n\r\nNo\r\n--x--',
    ],
    ['application/octet-stream', JSON.stringify(draft)],
    ['application/xml', '<article/>'],
    [undefined, JSON.stringify(draft)],
  ])('of type %s is a 415 that says to send JSON, and stores nothing', async (type, body) => {
    const before = await articleCount();
    const headers: Record<string, string> = { authorization: `Bearer ${adminToken}` };
    if (type) headers['content-type'] = type;
    // fetch labels a string body text/plain unless told otherwise: send bytes to send no type.
    const res = await raw('/article.create', { method: 'POST', headers, body: Buffer.from(body) });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.error.message).toBe('Send the input as a JSON body with Content-Type: application/json');
    expect(await articleCount()).toBe(before);
  });

  it.each(['{"headline":', '{"headline": "x",}', "{'headline': 'x'}", '', '\u0000'])(
    'that is not JSON (%j) is a 400 with a message, and stores nothing',
    async (body) => {
      const before = await articleCount();
      const res = await raw('/article.create', {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message.length).toBeGreaterThan(0);
      expect(await articleCount()).toBe(before);
    },
  );

  it('with a charset parameter is still JSON', async () => {
    const res = await raw('/article.create', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ ...draft, headline: 'Stored with a charset' }),
    });
    expect(res.status).toBe(200);
    expect(res.body.result.data.headline).toBe('Stored with a charset');
  });
});

describe('the batch limit', () => {
  it('refuses a larger batch with a 400 that says the limit, one error per call', async () => {
    const paths = Array.from({ length: 21 }, () => 'article.list').join(',');
    const res = await fetch(`${api.url}/${paths}?batch=1&input=%7B%7D`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { code: string; path: string } } }[];
    expect(body).toHaveLength(21);
    expect(body[0]?.error.data.code).toBe('BAD_REQUEST');
    expect(body[0]?.error.data.path).toBe('article.list');
    expect(body[0]?.error.message).toBe('A batch may hold at most 20 calls (API_MAX_BATCH); this one has 21');
  });

  it('lets a batch of exactly the limit through', async () => {
    const paths = Array.from({ length: 20 }, () => 'article.list').join(',');
    const input = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, { limit: 1 }]));
    const res = await fetch(`${api.url}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(20);
  });
});
