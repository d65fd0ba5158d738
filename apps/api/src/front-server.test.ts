import { connect, type Socket } from 'node:net';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontServer } from './front-server.js';
import { ResponseCache } from './response-cache.js';
import { callApi } from './testing/call-api.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

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

describe('the front server', () => {
  it('answers a cached read itself, with the request’s own id, and leaves everything else to Fastify', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000_000, ttlMs: 60_000 });
    const body = '{"result":{"data":[]}}';
    cache.set(
      '/tag.list',
      {
        body: Buffer.from(body),
        etag: '"tag-list-1"',
        headers: [
          'content-type',
          'application/json',
          'etag',
          '"tag-list-1"',
          'content-length',
          `${body.length}`,
        ],
        notModifiedHeaders: ['etag', '"tag-list-1"'],
        route: 'tag.list',
      },
      cache.sequence,
      ['every:tag'],
    );
    let closing = false;
    const server = createFrontServer(
      {
        cache,
        corsConfigured: true,
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        closing: () => closing,
        onAnswer: () => {},
      },
      (_request, response) => response.end('from Fastify'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      fetch(`http://127.0.0.1:${port}${path}`, { method, headers });
    try {
      const hit = await get('/tag.list', { 'x-request-id': 'edge-1' });
      expect([hit.status, await hit.text()]).toEqual([200, body]);
      expect(hit.headers.get('etag')).toBe('"tag-list-1"');
      expect(hit.headers.get('x-request-id')).toBe('edge-1');
      const revalidated = await get('/tag.list', { 'if-none-match': '"tag-list-1"' });
      expect([revalidated.status, await revalidated.text()]).toEqual([304, '']);
      expect(revalidated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      for (const [path, headers, method] of [
        ['/tag.list?input=%7B%7D', {}, 'GET'],
        ['/tag.list', { authorization: 'Bearer token' }, 'GET'],
        ['/tag.list', { origin: 'https://news.example' }, 'GET'],
        ['/tag.list', {}, 'POST'],
      ] as const) {
        expect(
          await (await get(path, headers, method)).text(),
          `${method} ${path} ${JSON.stringify(headers)}`,
        ).toBe('from Fastify');
      }
      closing = true;
      expect(await (await get('/tag.list')).text()).toBe('from Fastify');
    } finally {
      server.close();
    }
  });
});

/** `promise`, or a failure naming `what` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function articleCount(): Promise<number> {
  return store.articleCount();
}

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

  it('holding many connections open keeps nobody else waiting, and each is cut off in its turn', async () => {
    // Its own API, with timeouts long enough that the slow connections are surely still held
    // when the other answer comes, however busy the machine is.
    const patientTimeoutMs = 5_000;
    const patient = await startTestApi(store, {
      API_HEADERS_TIMEOUT_MS: patientTimeoutMs,
      API_REQUEST_TIMEOUT_MS: patientTimeoutMs,
    });
    const slow = await Promise.all(Array.from({ length: 100 }, () => openConnection(patient.url)));
    const timers = slow.map(({ socket }) =>
      trickle(socket, 'GET /article.list HTTP/1.1\r\nHost: x\r\n', 500),
    );
    try {
      const res = await callApi(patient.url, 'article.list', { limit: 1 });
      expect(res.status).toBe(200);
      expect(slow.filter(({ socket }) => socket.destroyed)).toHaveLength(0);
      // None of them may hold its connection for ever: without the timeouts they would.
      const closedAfter = await within(
        Promise.all(slow.map(({ closedAfter }) => closedAfter)),
        patientTimeoutMs + cutOffWithinMs,
        'the slow connections to be cut off',
      );
      for (const after of closedAfter) expect(after).toBeGreaterThanOrEqual(patientTimeoutMs - 100);
      expect(slow.filter(({ received }) => !/^HTTP\/1\.1 408 /.test(received()))).toHaveLength(0);
    } finally {
      for (const timer of timers) clearInterval(timer);
      for (const { socket } of slow) socket.destroy();
      await patient.close();
    }
  });
});
