import { openStore, type Store } from '@newsroom/db';
import type { Article, ArticleSummary, Page } from '@newsroom/domain';
import { seedIfEmpty } from '@newsroom/sample';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../testing/call-api.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// The REST paths beside their tRPC twins: the same procedures, so the same limits, caching,
// roles and errors; and the reference page, which reaches no other site.
let store: Store;
let api: TestApi;
let editor: string;
let contributor: string;

beforeAll(async () => {
  store = await openStore(':memory:');
  await seedIfEmpty(store, { count: 6, seed: 11 });
  editor = (await store.tokens.create({ name: 'Desk', role: 'editor' })).token;
  contributor = (await store.tokens.create({ name: 'Stringer', role: 'contributor', authorSlug: null }))
    .token;
  api = await startTestApi(store, { API_MAX_BODY_BYTES: 20_000 });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
interface ErrorAnswer {
  error: {
    message: string;
    data: { code: string; path?: string; zodError: { fieldErrors: Record<string, string[]> } | null };
  };
}
const errorOf = async (response: Response) => (await response.json()) as ErrorAnswer;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
let drafts = 0;
/** A new draft each time: the same headline twice would ask for a slug already taken. */
const draft = () => ({
  headline: `Lighthouse keeper retires ${++drafts}`,
  body: [{ type: 'paragraph', text: 'After forty years.' }],
});

describe('caching, as for the tRPC twin', () => {
  it('a public read has the same Cache-Control and cache keys, an ETag, 304s and response-cache hits', async () => {
    const twin = await callApi(api.url, 'article.list', { limit: 4, section: 'world' });
    const first = await get('/v1/articles?limit=4&section=world');
    expect(first.status).toBe(200);
    const page = (await first.json()) as Page<ArticleSummary>;
    expect(page).toEqual(twin.body.result.data);
    expect(first.headers.get('cache-control')).toBe(twin.headers.get('cache-control'));
    expect(first.headers.get('cache-control')).toMatch(/s-maxage=/);
    expect(first.headers.get('surrogate-key')).toBe(twin.headers.get('surrogate-key'));
    expect(first.headers.get('vary')).toMatch(/authorization/i);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');

    const again = await get('/v1/articles?limit=4&section=world');
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('etag')).toBe(etag);
    const unchanged = await get('/v1/articles?limit=4&section=world', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
  });

  it('a read with a token is private, and a write purges the kept answer', async () => {
    const mine = await get('/v1/articles?limit=2', bearer(editor));
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');

    const before = (await (await get('/v1/articles?limit=50')).json()) as Page<ArticleSummary>;
    await get('/v1/articles?limit=50'); // kept
    const created = (await (await post('/v1/articles', draft(), bearer(editor))).json()) as Article;
    const published = await post(
      `/v1/articles/${created.id}/publish`,
      { version: created.version },
      bearer(editor),
    );
    expect(published.status).toBe(200);
    const after = await get('/v1/articles?limit=50');
    expect(after.headers.get('x-cache')).not.toBe('HIT');
    const slugs = ((await after.json()) as Page<ArticleSummary>).items.map((item) => item.slug);
    expect(slugs).toContain(created.slug);
    expect(slugs).toHaveLength(before.items.length + 1);
  });

  it('the description itself is cacheable and answers 304 to its ETag', async () => {
    const response = await get('/openapi.json');
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const etag = response.headers.get('etag') ?? '';
    expect((await get('/openapi.json', { 'if-none-match': etag })).status).toBe(304);
  });
});

describe('roles and bad input, as over tRPC', () => {
  it('refuses a write without a token (401) and with too weak a role (403)', async () => {
    const anonymous = await post('/v1/articles', draft());
    expect(anonymous.status).toBe(401);
    const created = (await (await post('/v1/articles', draft(), bearer(editor))).json()) as Article;
    const weak = await post(
      `/v1/articles/${created.id}/publish`,
      { version: created.version },
      bearer(contributor),
    );
    expect(weak.status).toBe(403);
    const body = await errorOf(weak);
    expect(body.error.message).toMatch(/editor role/);
    expect(body.error.data).toMatchObject({ code: 'FORBIDDEN', path: 'article.publish' });
  });

  it('names the field that is wrong, in the query, the path or the body', async () => {
    const query = await get('/v1/search?q=&limit=5');
    expect(query.status).toBe(400);
    expect((await errorOf(query)).error.message).toMatch(/q: search text must not be empty/);

    const path = await post('/v1/articles/not-a-uuid/publish', { version: 1 }, bearer(editor));
    expect(path.status).toBe(400);
    const pathError = (await errorOf(path)).error;
    expect(pathError.message).toMatch(/^Invalid input: id:/);
    expect(pathError.data.zodError?.fieldErrors.id).toBeDefined();

    const body = await post('/v1/articles', { headline: '', body: [] }, bearer(editor));
    expect(body.status).toBe(400);
    expect((await errorOf(body)).error.message).toMatch(/headline must not be empty/);

    const unknown = await get('/v1/articles?limit=2&colour=red');
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).error.message).toMatch(/colour/);
  });

  it('a stale version is a 409, an unknown slug a 404', async () => {
    const created = (await (await post('/v1/articles', draft(), bearer(editor))).json()) as Article;
    const stale = await post(
      `/v1/articles/${created.id}/publish`,
      { version: created.version + 1 },
      bearer(editor),
    );
    expect(stale.status).toBe(409);
    const missing = await get('/v1/articles/no-such-story');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).error.message).toMatch(/no-such-story/);
  });

  it('refuses bodies that are not JSON (415) or too large (413), as tRPC does', async () => {
    const text = await fetch(`${api.url}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...bearer(editor) },
      body: 'headline',
    });
    expect(text.status).toBe(415);
    const large = await post('/v1/articles', { ...draft(), standfirst: 'x'.repeat(30_000) }, bearer(editor));
    expect(large.status).toBe(413);
    expect((await errorOf(large)).error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers JSON 404 for paths it does not have, and 405 with Allow for a wrong method', async () => {
    const nowhere = await get('/v1/articles/some-story/nowhere');
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await errorOf(nowhere)).error.message).toMatch(/openapi\.json/);

    const wrong = await fetch(`${api.url}/v1/search`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    expect((await errorOf(wrong)).error.data.code).toBe('METHOD_NOT_SUPPORTED');
  });
});

describe('rate limits on writes', () => {
  let limited: TestApi | undefined;
  afterEach(async () => {
    await limited?.close();
  });

  it('counts REST and tRPC writes together, and answers 429 with Retry-After past the limit', async () => {
    limited = await startTestApi(store, { API_RATE_LIMIT_WRITES: 2 });
    // A token of its own: the counters are kept in the database, per token.
    const writer = (await store.tokens.create({ name: 'Busy desk', role: 'editor' })).token;
    const headers = { 'content-type': 'application/json', ...bearer(writer) };
    const viaTrpc = await callApi(limited.url, 'article.create', draft(), { method: 'POST', headers });
    expect(viaTrpc.status).toBe(200);
    const rest = () =>
      fetch(`${limited?.url}/v1/articles`, { method: 'POST', headers, body: JSON.stringify(draft()) });
    expect((await rest()).status).toBe(200);
    const refused = await rest();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(refused)).error.message).toMatch(/API_RATE_LIMIT_WRITES/);
    // Reads never count.
    expect((await fetch(`${limited.url}/v1/sections`)).status).toBe(200);
  });
});

describe('the reference at /docs', () => {
  it('is served from here, and its page may reach nothing but this API', async () => {
    const redirect = await fetch(`${api.url}/docs`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    const page = await get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/openapi.json');
    expect(html).toMatch(/"withDefaultFonts": false/);
    // No address of another site in the page: its one script is the copy served below.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<script src="js/scalar.js">');

    const policy = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')?.[0]).toBe("'self'");
    expect(
      directives
        .get('script-src')
        ?.slice(1)
        .every((source) => source.startsWith("'sha256-")),
    ).toBe(true);
    expect(policy).not.toMatch(/https?:|\*|unsafe-eval/);

    const script = await get('/docs/js/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('leaves every other answer under the API’s own policy, which allows nothing', async () => {
    const answer = await get('/v1/sections');
    expect(answer.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(answer.headers.get('content-security-policy')).not.toMatch(/script-src/);
  });
});
