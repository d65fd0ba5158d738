import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiConfig } from '../config.js';
import { callApi } from '../testing/call-api.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// Each test gets its own database, so its counters (kept there) start at zero. API_TRUST_PROXY
// lets a test play several clients through X-Forwarded-For.
let store: Store;
let editorToken: string;
let articleId: string;
let api: TestApi | undefined;

beforeEach(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 3, seed: 1 });
  editorToken = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
  articleId = (await store.articles.list({ limit: 1 })).items[0]?.id ?? '';
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  await store.close();
});

async function start(config: Partial<ApiConfig>): Promise<string> {
  api = await startTestApi(store, { API_TRUST_PROXY: true, ...config });
  return api.url;
}

const from = (address: string, headers: Record<string, string> = {}) => ({
  'x-forwarded-for': address,
  ...headers,
});
const comment = (n: number) => ({ articleId, displayName: 'Reader', body: `Comment ${n}` });
const draft = (n: number) => ({ headline: `Draft ${n}`, body: [{ type: 'paragraph', text: 'Words.' }] });

function post(url: string, path: string, input: unknown, headers: Record<string, string>) {
  return callApi(url, path, input, { method: 'POST', headers });
}

describe('writes', () => {
  it('are limited per client: 429 in tRPC’s error shape, with Retry-After', async () => {
    const url = await start({ API_RATE_LIMIT_WRITES: 3 });
    const editor = from('203.0.113.1', { authorization: `Bearer ${editorToken}` });
    for (let n = 1; n <= 3; n++) {
      expect((await post(url, 'article.create', draft(n), editor)).status).not.toBe(429);
    }
    const refused = await post(url, 'article.create', draft(4), editor);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    expect(refused.body.error.message).toContain('API_RATE_LIMIT_WRITES');
    expect(refused.body.error.message).toMatch(/retry in \d+ s/);
  });

  it('never limit reads: GET queries, and queries sent as POST, from the same client', async () => {
    const url = await start({ API_RATE_LIMIT_WRITES: 1 });
    const client = from('203.0.113.2');
    await post(url, 'comment.create', comment(1), client);
    expect((await post(url, 'comment.create', comment(2), client)).status).toBe(429);
    for (let n = 0; n < 10; n++) {
      expect((await callApi(url, 'article.list', { limit: 1 }, { headers: client })).status).toBe(200);
    }
    expect((await post(url, 'article.list', { limit: 1 }, client)).status).toBe(200);
  });

  it('of one client do not use up another address’s allowance', async () => {
    const url = await start({ API_RATE_LIMIT_WRITES: 3, API_RATE_LIMIT_COMMENTS: 100 });
    for (let n = 0; n < 5; n++) await post(url, 'comment.create', comment(n), from('203.0.113.3'));
    expect((await post(url, 'comment.create', comment(6), from('203.0.113.3'))).status).toBe(429);
    const other = await post(url, 'comment.create', comment(7), from('198.51.100.7'));
    expect(other.status).not.toBe(429);
  });
});

describe('comments', () => {
  it('have a tighter limit per address than other writes', async () => {
    const url = await start({ API_RATE_LIMIT_WRITES: 100, API_RATE_LIMIT_COMMENTS: 2 });
    const reader = from('203.0.113.4');
    expect((await post(url, 'comment.create', comment(1), reader)).status).not.toBe(429);
    expect((await post(url, 'comment.create', comment(2), reader)).status).not.toBe(429);
    const refused = await post(url, 'comment.create', comment(3), reader);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('API_RATE_LIMIT_COMMENTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Other writes from that address, and comments from another, still go through.
    const editor = from('203.0.113.4', { authorization: `Bearer ${editorToken}` });
    expect((await post(url, 'article.create', draft(1), editor)).status).not.toBe(429);
    expect((await post(url, 'comment.create', comment(4), from('198.51.100.8'))).status).not.toBe(429);
  });

  it('count every call in a batch, so batching cannot multiply the limit', async () => {
    const url = await start({ API_RATE_LIMIT_WRITES: 100, API_RATE_LIMIT_COMMENTS: 2 });
    const batch = await post(
      url,
      'comment.create,comment.create,comment.create?batch=1',
      { 0: comment(1), 1: comment(2), 2: comment(3) },
      from('203.0.113.5'),
    );
    expect(batch.status).toBe(429);
    expect(batch.headers.get('retry-after')).not.toBeNull();
    expect(batch.body).toHaveLength(3);
    for (const item of batch.body) expect(item.error.data.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('refused tokens', () => {
  it('from one address are limited, without touching its reads or other addresses', async () => {
    const url = await start({ API_RATE_LIMIT_BAD_TOKENS: 2 });
    const guesser = from('203.0.113.6', { authorization: 'Bearer guess' });
    expect((await callApi(url, 'article.list', {}, { headers: guesser })).status).toBe(401);
    expect((await callApi(url, 'article.list', {}, { headers: guesser })).status).toBe(401);
    const refused = await callApi(url, 'article.list', {}, { headers: guesser });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();

    expect((await callApi(url, 'article.list', {}, { headers: from('203.0.113.6') })).status).toBe(200);
    const elsewhere = from('198.51.100.9', { authorization: 'Bearer guess' });
    expect((await callApi(url, 'article.list', {}, { headers: elsewhere })).status).toBe(401);
  });

  it('are each logged as a warning with the address, never with the token', async () => {
    const lines: Record<string, unknown>[] = [];
    api = await startTestApi(
      store,
      { API_TRUST_PROXY: true, API_RATE_LIMIT_BAD_TOKENS: 2, LOG_LEVEL: 'warn' },
      {
        write: (line: string) => void lines.push(JSON.parse(line)),
      },
    );
    const guess = from('203.0.113.7', { authorization: 'Bearer not-a-real-token-4711' });
    expect((await callApi(api.url, 'article.list', {}, { headers: guess })).status).toBe(401);
    expect((await callApi(api.url, 'article.list', {}, { headers: guess })).status).toBe(401);
    expect((await callApi(api.url, 'article.list', {}, { headers: guess })).status).toBe(429);

    expect(lines.map((line) => [line.level, line.msg, line.clientAddress])).toEqual([
      [40, 'Refused an API token', '203.0.113.7'],
      [40, 'Refused an API token', '203.0.113.7'],
      [40, 'Refused a request: too many refused API tokens', '203.0.113.7'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('not-a-real-token-4711');
  });
});
