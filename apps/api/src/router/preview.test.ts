import type { Principal } from '@newsroom/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';
import { callApi } from '../testing/call-api.js';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { previewNotFoundMessage } from './preview.js';

// Preview links through the router as the desk and a link's holder call them (who may call
// each is also in roles.test.ts), and over HTTP for what only HTTP shows: caching.

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

/** Milliseconds from now to an ISO time, for links whose expiry is counted from the call. */
const fromNow = (iso: string) => new Date(iso).getTime() - Date.now();

/** What a reader holding `token` gets: the answer, or the failure's code and message. */
async function opened(token: string) {
  return fx
    .as('reader')
    .preview.article({ token })
    .then(
      (answer) => ({ ok: true as const, answer }),
      (error: { code: string; message: string }) => ({
        ok: false as const,
        code: error.code,
        message: error.message,
      }),
    );
}

describe('a share link', () => {
  it('shows anyone who holds it the draft as it is saved now, for 7 days unless asked otherwise', async () => {
    const draft = await fx.draft({ headline: 'Before the lawyers read it' });
    const link = await fx.as('editor').preview.create({ articleId: draft.id });
    expect(link).toMatchObject({ purpose: 'share', path: `/preview/${link.token}` });
    expect(link.token).toMatch(/^nrp_[A-Za-z0-9_-]{43}$/);
    expect(fromNow(link.expiresAt)).toBeGreaterThan(7 * dayMs - 60_000);
    expect(fromNow(link.expiresAt)).toBeLessThanOrEqual(7 * dayMs);

    const first = await fx.as('reader').preview.article({ token: link.token });
    expect(first.article).toMatchObject({
      id: draft.id,
      status: 'draft',
      headline: 'Before the lawyers read it',
    });
    expect(first.expiresAt).toBe(link.expiresAt);

    // The saved state, whatever it is now: edited, then published, then archived.
    const edited = await fx.as('editor').article.update({
      id: draft.id,
      version: draft.version,
      headline: 'After the lawyers read it',
    });
    expect((await fx.as('reader').preview.article({ token: link.token })).article.headline).toBe(
      'After the lawyers read it',
    );
    const published = await fx.as('editor').article.publish({ id: edited.id, version: edited.version });
    expect((await fx.as('reader').preview.article({ token: link.token })).article.status).toBe('published');
    await fx.as('editor').article.archive({ id: published.id, version: published.version });
    expect((await fx.as('reader').preview.article({ token: link.token })).article.status).toBe('archived');
  });

  it('lasts from 1 to 30 days as asked; the desk’s own link lasts an hour and takes no days', async () => {
    const draft = await fx.draft();
    const editor = fx.as('editor');
    const month = await editor.preview.create({ articleId: draft.id, days: 30 });
    expect(fromNow(month.expiresAt)).toBeGreaterThan(30 * dayMs - 60_000);
    const desk = await editor.preview.create({ articleId: draft.id, purpose: 'desk' });
    expect(desk.purpose).toBe('desk');
    expect(fromNow(desk.expiresAt)).toBeGreaterThan(hourMs - 60_000);
    expect(fromNow(desk.expiresAt)).toBeLessThanOrEqual(hourMs);
    expect((await opened(desk.token)).ok).toBe(true);

    for (const input of [
      { articleId: draft.id, days: 31 },
      { articleId: draft.id, days: 0 },
      { articleId: draft.id, purpose: 'desk' as const, days: 1 },
    ]) {
      await expect(editor.preview.create(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(editor.preview.create({ articleId: draft.id, days: 31 })).rejects.toThrow(
      'a preview link lasts at most 30 days',
    );
  });

  it('is listed for the article without its token, until it is revoked; then it opens nothing', async () => {
    const draft = await fx.draft();
    const editor = fx.as('editor');
    const shared = await editor.preview.create({ articleId: draft.id, days: 2 });
    const other = await editor.preview.create({ articleId: draft.id });
    await editor.preview.create({ articleId: draft.id, purpose: 'desk' });

    const listed = await editor.preview.list({ articleId: draft.id });
    // Both made in the same moment, maybe the same millisecond: the order is the Store contract's to show.
    expect(listed.map((l) => l.id).sort()).toEqual([other.id, shared.id].sort());
    expect(listed.every((l) => l.purpose === 'share' && l.createdBy.name === 'editor desk')).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(shared.token.slice(4));

    expect(await editor.preview.revoke({ id: shared.id })).toEqual({ revoked: true, articleId: draft.id });
    expect(await editor.preview.revoke({ id: shared.id })).toEqual({ revoked: false, articleId: draft.id });
    expect((await editor.preview.list({ articleId: draft.id })).map((l) => l.id)).toEqual([other.id]);
    expect(await opened(shared.token)).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: previewNotFoundMessage,
    });
    expect((await opened(other.token)).ok).toBe(true);
  });

  it('that is unknown, expired, revoked or of a deleted article gets one and the same answer', async () => {
    const draft = await fx.draft();
    const revoked = await fx.as('editor').preview.create({ articleId: draft.id });
    await fx.as('editor').preview.revoke({ id: revoked.id });
    const expired = await fx.store.previews.create(draft.id, {
      expiresAt: new Date(Date.now() - 1_000),
      purpose: 'share',
      actor: { personId: null, name: 'Earlier' },
      now: new Date(Date.now() - dayMs),
    });
    const gone = await fx.draft();
    const ofDeleted = await fx.as('editor').preview.create({ articleId: gone.id });
    await fx.as('editor').article.delete({ id: gone.id, version: gone.version });

    const refused = { ok: false, code: 'NOT_FOUND', message: previewNotFoundMessage };
    for (const token of [
      'nrp_neverMadeAtAll',
      'not even shaped like one',
      revoked.token,
      expired.secret,
      ofDeleted.token,
    ]) {
      expect(await opened(token), token).toEqual(refused);
    }
    await expect(fx.as('reader').preview.article({ token: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('who may make, list and revoke links', () => {
  it('editors for any article; authors and contributors for their own only', async () => {
    const own = await fx.draft({ author: 'cy-contributor' });
    const theirs = await fx.draft({ author: 'other-writer' });
    const contributor = fx.as('contributor');
    const link = await contributor.preview.create({ articleId: own.id });
    expect((await contributor.preview.list({ articleId: own.id })).map((l) => l.id)).toEqual([link.id]);
    expect(await codeOf(contributor.preview.create({ articleId: theirs.id }))).toBe('FORBIDDEN');
    expect(await codeOf(contributor.preview.list({ articleId: theirs.id }))).toBe('FORBIDDEN');
    const editorsLink = await fx.as('editor').preview.create({ articleId: theirs.id });
    expect(await codeOf(contributor.preview.revoke({ id: editorsLink.id }))).toBe('FORBIDDEN');
    expect(await codeOf(fx.as('author').preview.revoke({ id: link.id }))).toBe('FORBIDDEN');
    expect(await codeOf(fx.as('editor').preview.revoke({ id: link.id }))).toBe('ok');
    expect(await codeOf(fx.as('reader').preview.create({ articleId: own.id }))).toBe('UNAUTHORIZED');
    expect(await codeOf(fx.as('editor').preview.create({ articleId: crypto.randomUUID() }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(fx.as('editor').preview.revoke({ id: crypto.randomUUID() }))).toBe('NOT_FOUND');
  });

  it('records who made a link, by person when signed in, and audits it under the article without the token', async () => {
    const person = await fx.store.people.invite({
      email: 'eda@example.com',
      name: 'Eda Editor',
      role: 'editor',
    });
    const principal: Principal = {
      tokenId: null,
      personId: person.id,
      sessionId: crypto.randomUUID(),
      name: person.name,
      role: 'editor',
      authorSlug: null,
      mustEnrolSecondFactor: false,
    };
    const eda = createCaller(
      createContextInner({ store: fx.store, principal, clientAddress: '198.51.100.4' }),
    );
    const draft = await fx.draft();
    const link = await eda.preview.create({ articleId: draft.id, days: 3 });
    await eda.preview.revoke({ id: link.id });
    expect(await fx.store.previews.byId(link.id)).toMatchObject({
      createdBy: { personId: person.id, name: 'Eda Editor' },
      revokedAt: expect.any(String),
    });

    const trail = await fx.store.audit.list({ objectType: 'article', objectId: draft.id, limit: 10 });
    // Both may fall in the same millisecond, where the trail has no order between them.
    const byAction = new Map(trail.items.map((entry) => [entry.action, entry]));
    expect(trail.items).toHaveLength(2);
    expect(byAction.get('preview.create')?.detail).toEqual({
      previewId: link.id,
      purpose: 'share',
      expiresAt: link.expiresAt,
    });
    expect(byAction.get('preview.revoke')?.detail).toEqual({ previewId: link.id, revoked: true });
    expect(byAction.get('preview.revoke')?.actor).toEqual({
      kind: 'person',
      id: person.id,
      name: 'Eda Editor',
    });
    expect(JSON.stringify(trail)).not.toContain(link.token.slice(4));
  });
});

describe('preview.article over HTTP', () => {
  let api: TestApi;
  let shared: NewsroomFixture;
  beforeAll(async () => {
    shared = await newsroomFixture();
    // The response cache on, as in production: a preview must never be kept in it.
    api = await startTestApi(shared.store, { API_RESPONSE_CACHE_MB: 8 });
  });
  afterAll(async () => {
    await api.close();
    await shared.close();
  });

  it('is private, no-store with no ETag, answered and refused alike, and a revoked link stops at once', async () => {
    const draft = await shared.draft({ headline: 'Embargoed until Monday' });
    const link = await shared.store.previews.create(draft.id, {
      expiresAt: new Date(Date.now() + dayMs),
      purpose: 'share',
      actor: { personId: null, name: 'Desk' },
    });
    const first = await callApi(api.url, 'preview.article', { token: link.secret });
    expect(first.status).toBe(200);
    expect(first.body.result.data.article.headline).toBe('Embargoed until Monday');
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect(first.headers.get('etag')).toBeNull();

    const batched = await fetch(
      `${api.url}/section.list,preview.article?batch=1&input=${encodeURIComponent(
        JSON.stringify({ 0: {}, 1: { token: link.secret } }),
      )}`,
    );
    expect(batched.status).toBe(200);
    expect(batched.headers.get('cache-control')).toBe('private, no-store');

    await shared.store.previews.revoke(link.id);
    const after = await callApi(api.url, 'preview.article', { token: link.secret });
    expect(after.status).toBe(404);
    expect(after.body.error.message).toBe(previewNotFoundMessage);
    expect(after.headers.get('cache-control')).toBe('private, no-store');

    const unknown = await callApi(api.url, 'preview.article', { token: 'nrp_unknown' });
    expect([unknown.status, unknown.body.error.message]).toEqual([404, previewNotFoundMessage]);
    expect(unknown.headers.get('cache-control')).toBe('private, no-store');
  });
});
