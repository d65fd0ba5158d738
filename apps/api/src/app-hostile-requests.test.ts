import { connect, type Socket } from 'node:net';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAnswer, callApi } from './testing/call-api.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

// Requests a client should never send: wrong methods and media types, broken JSON, and senders
// so slow they would hold a connection forever. Each gets a clear answer and changes nothing.

const headersTimeoutMs = 1_000;
const requestTimeoutMs = 2_000;

let store: Store;
let api: TestApi;
let adminToken: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  adminToken = (await store.tokens.create({ name: 'Ops', role: 'admin' })).token;
  api = await startTestApi(store, {
    API_HEADERS_TIMEOUT_MS: headersTimeoutMs,
    API_REQUEST_TIMEOUT_MS: requestTimeoutMs,
  });
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

/** A raw connection: what it receives, and when it closed (ms after opening). */
function openConnection(
  url = api.url,
): Promise<{ socket: Socket; received: () => string; closedAfter: Promise<number> }> {
  const { port } = new URL(url);
  const opened = Date.now();
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const closedAfter = new Promise<number>((resolve) =>
    socket.on('close', () => resolve(Date.now() - opened)),
  );
  return new Promise((resolve) =>
    socket.on('connect', () => resolve({ socket, received: () => received, closedAfter })),
  );
}

/** Writes `text` a few bytes at a time, `everyMs` apart, until it is written or the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): NodeJS.Timeout {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text.slice(at, at + 2));
    at += 2;
  }, everyMs);
  return timer;
}

describe('a slow client', () => {
  // Generous bounds: they only tell a timeout that works from one that never comes.
  const cutOffWithinMs = 10_000;

  it('sending its headers byte by byte is answered 408 and cut off after API_HEADERS_TIMEOUT_MS', async () => {
    const { socket, received, closedAfter } = await openConnection();
    const timer = trickle(
      socket,
      `GET /article.list HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`,
      100,
    );
    const after = await closedAfter;
    clearInterval(timer);
    expect(after).toBeGreaterThanOrEqual(headersTimeoutMs - 100);
    expect(after).toBeLessThan(cutOffWithinMs);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(received()).toContain('"code":"TIMEOUT"');
    // Written to the socket by hand, it still carries the headers every answer has.
    expect(received()).toMatch(/\r\ncontent-security-policy: default-src 'none'/);
    expect(received()).toMatch(/\r\nx-content-type-options: nosniff\r\n/);
  });

  it('that connects and sends nothing is cut off too', async () => {
    const { closedAfter } = await openConnection();
    expect(await closedAfter).toBeLessThan(cutOffWithinMs);
  });

  it('sending its body byte by byte is answered 408 after API_REQUEST_TIMEOUT_MS, and nothing is stored', async () => {
    const before = await articleCount();
    const body = JSON.stringify(draft);
    const { socket, received, closedAfter } = await openConnection();
    socket.write(
      `POST /article.create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminToken}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const timer = trickle(socket, body, 400);
    const after = await closedAfter;
    clearInterval(timer);
    expect(after).toBeGreaterThanOrEqual(requestTimeoutMs - 100);
    expect(after).toBeLessThan(cutOffWithinMs);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await articleCount()).toBe(before);
  });

  it('holding many connections open does not keep others from being answered', async () => {
    // Its own API with the default timeouts, so the slow connections are still held when the
    // answer comes however busy the machine is.
    const patient = await startTestApi(store);
    const slow = await Promise.all(Array.from({ length: 100 }, () => openConnection(patient.url)));
    const timers = slow.map(({ socket }) =>
      trickle(socket, 'GET /article.list HTTP/1.1\r\nHost: x\r\n', 500),
    );
    try {
      const res = await callApi(patient.url, 'article.list', { limit: 1 });
      expect(res.status).toBe(200);
      expect(slow.filter(({ socket }) => socket.destroyed)).toHaveLength(0);
    } finally {
      for (const timer of timers) clearInterval(timer);
      for (const { socket } of slow) socket.destroy();
      await patient.close();
    }
  });
});
