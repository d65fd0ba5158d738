import { connect } from 'node:net';
import { openStore, type Store } from '@newsroom/db';
import type { Article, ArticleSummary, Page } from '@newsroom/domain';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf } from './client.js';
import { callApi } from './testing/call-api.js';
import { startTestApi, type TestApi } from './testing/start-test-api.js';

// The procedures over a real HTTP server, as any client sees them.
let store: Store;
let api: TestApi;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 30, seed: 7 });
  api = await startTestApi(store, { API_MAX_BODY_BYTES: 100_000 });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

const call = (path: string, input?: unknown, headers?: Record<string, string>) =>
  callApi(api.url, path, input, headers ? { headers } : {});

describe('reading over plain HTTP', () => {
  it('lists published articles newest first with a cursor, dates as ISO strings', async () => {
    const { status, body } = await call('article.list', { limit: 5 });
    expect(status).toBe(200);
    const page = body.result.data as Page<ArticleSummary>;
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toEqual(expect.any(String));
    const times = page.items.map((a) => a.publishedAt as string);
    expect(times.every((t) => !Number.isNaN(Date.parse(t)) && t.endsWith('Z'))).toBe(true);
    expect([...times].sort().reverse()).toEqual(times);

    const next = await call('article.list', { limit: 5, cursor: page.nextCursor });
    const nextIds = (next.body.result.data as Page<ArticleSummary>).items.map((a) => a.id);
    expect(nextIds.some((id) => page.items.some((a) => a.id === id))).toBe(false);
  });

  it('returns one article whole by its slug', async () => {
    const first = (await call('article.list', { limit: 1 })).body.result.data.items[0] as ArticleSummary;
    const { status, body } = await call('article.bySlug', { slug: first.slug });
    expect(status).toBe(200);
    const article = body.result.data as Article;
    expect(article.headline).toBe(first.headline);
    expect(article.body.length).toBeGreaterThan(0);
  });

  it('answers a query sent as a POST body, for inputs too long for a URL', async () => {
    const { status, body } = await callApi(api.url, 'article.list', { limit: 2 }, { method: 'POST' });
    expect(status).toBe(200);
    expect(body.result.data.items).toHaveLength(2);
  });
});

describe('bad input gets a clear client error', () => {
  it('unknown slug is a 404 naming the slug', async () => {
    const { status, body } = await call('article.bySlug', { slug: 'no-such-story' });
    expect(status).toBe(404);
    expect(body.error.message).toContain('no-such-story');
    expect(body.error.data.code).toBe('NOT_FOUND');
  });

  it('missing slug is a 400 that names the field', async () => {
    const { status, body } = await call('article.bySlug', {});
    expect(status).toBe(400);
    expect(body.error.message).toBe('Invalid input: slug: required (string)');
    expect(body.error.data.zodError.fieldErrors.slug).toBeDefined();
    expect(body.error.data.stack).toBeUndefined();
  });

  it('no input at all is a 400', async () => {
    const { status, body } = await call('article.bySlug');
    expect(status).toBe(400);
    expect(body.error.message).toContain('Invalid input');
  });

  it('wrong types are a 400', async () => {
    expect((await call('article.bySlug', { slug: 42 })).status).toBe(400);
    expect((await call('article.list', { limit: 'ten' })).status).toBe(400);
    expect((await call('article.list', { section: ['world'] })).status).toBe(400);
  });

  it('a limit over 100 is refused with the maximum, not clamped', async () => {
    const { status, body } = await call('article.list', { limit: 101 });
    expect(status).toBe(400);
    expect(body.error.message).toContain('at most 100');
  });

  it('an unknown field is refused', async () => {
    const { status, body } = await call('article.list', { limit: 5, secret: true });
    expect(status).toBe(400);
    expect(body.error.message).toContain('secret');
  });

  it('a tampered cursor is a 400', async () => {
    const { status, body } = await call('article.list', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(status).toBe(400);
    expect(body.error.message).toContain('cursor');
  });

  it('a slug too long for the model is a 400', async () => {
    const { status, body } = await call('article.bySlug', { slug: 'a'.repeat(5_000) });
    expect(status).toBe(400);
    expect(body.error.message).toContain('at most 120');
  });

  it('invalid JSON in the input is a 400', async () => {
    const res = await fetch(`${api.url}/article.bySlug?input=%7Bnot-json`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { data: { code: string } } }).error.data.code).toMatch(
      /PARSE_ERROR|BAD_REQUEST/,
    );
  });

  it('a 10 MB string in a POST body is refused with 413 and a message saying the limit', async () => {
    const res = await fetch(`${api.url}/article.bySlug`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'x'.repeat(10_000_000) }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as {
      error: { message: string; data: { code: string; httpStatus: number } };
    };
    expect(body.error.message).toBe('Request body too large: it exceeds 100000 bytes (API_MAX_BODY_BYTES)');
    expect(body.error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
  });

  it('a 10 MB string in the URL is refused with 431 and a JSON message saying what to do', async () => {
    // Node refuses an oversized request line before routing; a raw socket sees that answer
    // even though the server stops reading after 16 KB.
    const { port } = new URL(api.url);
    const reply = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /article.bySlug?input=${'x'.repeat(10_000_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
      });
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(received));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
    expect(body.error.message).toContain('send large input as a POST body');
    expect(body.error.data.httpStatus).toBe(431);
  });

  it('an unknown procedure is a 404', async () => {
    const { status, body } = await call('article.nothing', {});
    expect(status).toBe(404);
    expect(body.error.data.code).toBe('NOT_FOUND');
  });

  it('an unknown route is a 404 in the same error shape', async () => {
    const res = await fetch(`${api.url}/no/such/place`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('/no/such/place');
  });

  it('a bad token is a 401', async () => {
    const { status, body } = await call('article.list', {}, { authorization: 'Bearer nope' });
    expect(status).toBe(401);
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });
});

describe('the typed client', () => {
  it('reads through createNewsroomClient with full types', async () => {
    const client = createNewsroomClient(api.url);
    const page = await client.article.list.query({ limit: 2 });
    expect(page.items).toHaveLength(2);
    const slug = page.items[0]?.slug ?? '';
    const article = await client.article.bySlug.query({ slug });
    expect(article.slug).toBe(slug);
  });

  it('exposes the error code of a failed call', async () => {
    const client = createNewsroomClient(api.url);
    const error = await client.article.bySlug.query({ slug: 'missing' }).catch((e: unknown) => e);
    expect(errorCodeOf(error)).toBe('NOT_FOUND');
  });

  it('sends a query too long for a URL as a POST body and gets the server’s answer', async () => {
    const client = createNewsroomClient(api.url);
    const error = await client.article.bySlug.query({ slug: 'a'.repeat(10_000) }).catch((e: unknown) => e);
    expect(errorCodeOf(error)).toBe('BAD_REQUEST');
  });
});
