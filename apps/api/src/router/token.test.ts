import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../testing/call-api.js';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let fx: NewsroomFixture;
let api: TestApi;
beforeAll(async () => {
  fx = await newsroomFixture();
  api = await startTestApi(fx.store);
});
afterAll(async () => {
  await api.close();
  await fx.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens for admins', () => {
  it('lists every token newest first with its role, author, use and expiry, and never a secret', async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await fx.as('admin').token.create({
      name: 'Wire importer',
      role: 'author',
      authorSlug: 'ana-author',
      expiresAt,
    });
    expect(created.apiToken).toMatchObject({ name: 'Wire importer', expiresAt, lastUsedAt: null });
    // Used once over HTTP: the list says when.
    expect(
      (await callApi(api.url, 'article.list', { limit: 1 }, { headers: bearer(created.token) })).status,
    ).toBe(200);
    await fx.as('admin').token.revoke({ tokenId: fx.principals.contributor.tokenId ?? '' });

    const first = await fx.as('admin').token.list({ limit: 2 });
    expect(first.items[0]).toEqual({
      id: created.principal.tokenId,
      name: 'Wire importer',
      role: 'author',
      authorSlug: 'ana-author',
      createdAt: created.apiToken.createdAt,
      lastUsedAt: expect.any(String),
      expiresAt,
      revokedAt: null,
    });
    const rest = await fx.as('admin').token.list({ limit: 100, cursor: first.nextCursor ?? '' });
    const all = [...first.items, ...rest.items];
    expect(all).toHaveLength(5);
    expect(all.find((t) => t.name === 'contributor desk')?.revokedAt).toEqual(expect.any(String));
    expect(JSON.stringify(all)).not.toContain(created.token);
    expect(await codeOf(fx.as('editor').token.list({}))).toBe('FORBIDDEN');
  });

  it('refuses an expiry in the past, and a token whose expiry has passed is refused like a revoked one', async () => {
    expect(
      await codeOf(
        fx.as('admin').token.create({ name: 'Late', role: 'editor', expiresAt: '2020-01-01T00:00:00Z' }),
      ),
    ).toBe('BAD_REQUEST');
    const hourAgo = new Date(Date.now() - 3_600_000);
    const expired = await fx.store.tokens.create(
      { name: 'Day pass', role: 'editor', expiresAt: new Date(hourAgo.getTime() + 60_000).toISOString() },
      { now: hourAgo },
    );
    const answer = await callApi(api.url, 'comment.byStatus', {}, { headers: bearer(expired.token) });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe('The API token is missing, malformed, revoked or expired');
  });
});
