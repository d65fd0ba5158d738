import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// GET queries are answered by calling the procedure directly (direct-queries.ts); the same query
// sent as a POST (allowed for queries whose input is too long for a URL) goes through tRPC's
// own adapter. Clients must not be able to tell the two apart.
let store: Store;
let api: TestApi;
let editorToken: string;
let draftId: string;
let publishedSlug: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 4, seed: 3 });
  editorToken = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
  const page = await store.articles.list({ limit: 1 });
  publishedSlug = page.items[0]?.slug ?? '';
  const draft = await store.articles.create({
    headline: 'A draft only editors read',
    standfirst: 'Not yet public.',
    body: [{ type: 'paragraph', text: 'Draft copy.' }],
  } as never);
  draftId = draft.id;
  api = await startTestApi(store, { API_RESPONSE_CACHE_MB: 0 });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

async function both(procedure: string, input: unknown, headers: Record<string, string> = {}) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const get = await fetch(`${api.url}/${procedure}${query}`, { headers });
  const post = await fetch(`${api.url}/${procedure}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  // The media type, not its parameters: `; charset=utf-8` says what JSON's default says anyway.
  const answer = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type')?.split(';')[0],
    body: await res.json(),
  });
  return { get: await answer(get), post: await answer(post) };
}

describe('a GET query answered directly', () => {
  it.each([
    ['a published article', 'article.bySlug', () => ({ slug: publishedSlug }), 200],
    ['a list page', 'article.list', () => ({ limit: 2 }), 200],
    ['a procedure without input', 'tag.list', () => undefined, 200],
    ['an unknown slug', 'article.bySlug', () => ({ slug: 'no-such-story' }), 404],
    ['input that fails validation', 'article.list', () => ({ limit: -3 }), 400],
    ['missing input', 'article.bySlug', () => undefined, 400],
    ['a query that needs a token, without one', 'article.byId', () => ({ id: draftId }), 401],
  ])('answers %s exactly as tRPC does', async (_what, procedure, input, status) => {
    const { get, post } = await both(procedure, input());
    expect(get.status).toBe(status);
    expect(get).toEqual(post);
  });

  it('reads with the caller’s token, and refuses a wrong one as tRPC does', async () => {
    const allowed = await both('article.byId', { id: draftId }, { authorization: `Bearer ${editorToken}` });
    expect(allowed.get.status).toBe(200);
    expect(allowed.get.body).toMatchObject({ result: { data: { id: draftId, status: 'draft' } } });
    expect(allowed.get).toEqual(allowed.post);

    const refused = await both('article.byId', { id: draftId }, { authorization: 'Bearer not-a-real-token' });
    expect(refused.get.status).toBe(401);
    expect(refused.get).toEqual(refused.post);
  });

  it('leaves input that is not JSON to tRPC, which says so', async () => {
    const res = await fetch(`${api.url}/article.list?input=%7Bnot-json`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/JSON/i);
  });
});
