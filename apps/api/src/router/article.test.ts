import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

describe('reading', () => {
  it('shows readers published articles only, by list and by slug', async () => {
    const published = await fx.draft({ status: 'published', headline: 'Visible story' });
    const draft = await fx.draft({ headline: 'Hidden draft' });
    const reader = fx.as('reader');
    const page = await reader.article.list({});
    expect(page.items.map((a) => a.id)).toEqual([published.id]);
    expect((await reader.article.bySlug({ slug: published.slug })).id).toBe(published.id);
    expect(await codeOf(reader.article.bySlug({ slug: draft.slug }))).toBe('NOT_FOUND');
    expect(await codeOf(reader.article.list({ status: 'draft' }))).toBe('UNAUTHORIZED');
  });

  it("lets writers list their own drafts and editors everyone's", async () => {
    const mine = await fx.draft({ author: 'cy-contributor' });
    const theirs = await fx.draft({ author: 'other-writer' });
    const own = await fx.as('contributor').article.list({ status: 'draft' });
    expect(own.items.map((a) => a.id)).toEqual([mine.id]);
    expect(await codeOf(fx.as('contributor').article.list({ status: 'draft', author: 'other-writer' }))).toBe(
      'FORBIDDEN',
    );
    const all = await fx.as('editor').article.list({ status: 'draft' });
    expect(all.items.map((a) => a.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(await codeOf(fx.as('contributor').article.byId({ id: theirs.id }))).toBe('FORBIDDEN');
    expect((await fx.as('contributor').article.byId({ id: mine.id })).id).toBe(mine.id);
  });

  it('refuses a page size over 100 with the limit in the message', async () => {
    const error = await fx
      .as('reader')
      .article.list({ limit: 500 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('finds published stories by words, phrases and exclusions', async () => {
    const kyiv = await fx.draft({ status: 'published', headline: 'Talks in Kyiv resume after winter' });
    await fx.draft({ status: 'published', headline: 'Winter storms close schools' });
    await fx.draft({ headline: 'Kyiv draft never published' });
    const reader = fx.as('reader');
    const hits = await reader.article.search({ q: 'kyiv' });
    expect(hits.items.map((h) => h.id)).toEqual([kyiv.id]);
    expect(hits.items[0]?.snippet.some((part) => part.match)).toBe(true);
    const excluded = await reader.article.search({ q: 'winter -kyiv' });
    expect(excluded.items.map((h) => h.headline)).toEqual(['Winter storms close schools']);
    expect(await codeOf(reader.article.search({ q: '   ' }))).toBe('BAD_REQUEST');
    expect(await codeOf(reader.article.search({ q: 'x'.repeat(201) }))).toBe('BAD_REQUEST');
    expect((await reader.article.search({ q: 'NEAR( " * ) OR' })).items).toEqual(expect.any(Array));
  });

  it("lists related stories: the editor's picks first, never itself or a draft", async () => {
    const a = await fx.draft({ status: 'published', headline: 'Climate story one' });
    const b = await fx.draft({ status: 'published', headline: 'Climate story two' });
    const c = await fx.draft({ status: 'published', headline: 'Climate story three' });
    await fx.draft({ headline: 'Climate draft' });
    const editor = fx.as('editor');
    const current = await fx.store.articles.byId(a.id);
    await editor.article.update({ id: a.id, version: current?.version ?? 0, relatedSlugs: [c.slug] });
    const related = await fx.as('reader').article.related({ slug: a.slug });
    expect(related[0]?.id).toBe(c.id);
    expect(related.map((r) => r.id)).toContain(b.id);
    expect(related.map((r) => r.id)).not.toContain(a.id);
    expect(related.every((r) => r.status === 'published')).toBe(true);
  });
});

describe('editing and publishing', () => {
  it('refuses a stale version with CONFLICT and keeps the other save', async () => {
    const draft = await fx.draft();
    const editor = fx.as('editor');
    await editor.article.update({ id: draft.id, version: draft.version, headline: 'First save wins' });
    expect(
      await codeOf(editor.article.update({ id: draft.id, version: draft.version, headline: 'Lost?' })),
    ).toBe('CONFLICT');
    expect((await fx.store.articles.byId(draft.id))?.headline).toBe('First save wins');
  });

  it('goes from draft to published to corrected, keeping a revision of each save with who made it', async () => {
    const contributor = fx.as('contributor');
    const created = await contributor.article.create({ headline: 'Council approves budget', body: [] });
    expect(created.authors.map((a) => a.slug)).toEqual(['cy-contributor']);
    expect(await codeOf(contributor.article.publish({ id: created.id, version: created.version }))).toBe(
      'FORBIDDEN',
    );

    const editor = fx.as('editor');
    const published = await editor.article.publish({ id: created.id, version: created.version });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();

    const minor = await editor.article.update({
      id: published.id,
      version: published.version,
      headline: 'Council approves the budget',
      minor: true,
    });
    expect(minor.updatedAt).toBe(published.updatedAt);

    const corrected = await editor.article.addCorrection({
      id: minor.id,
      version: minor.version,
      note: 'The vote was 7–2, not 6–3.',
    });
    expect(corrected.corrections).toEqual([{ date: expect.any(String), note: 'The vote was 7–2, not 6–3.' }]);
    expect(Date.parse(corrected.updatedAt)).toBeGreaterThanOrEqual(Date.parse(minor.updatedAt));

    const revisions = await editor.article.revisions({ id: created.id });
    expect(revisions.items.map((r) => r.kind)).toEqual(['corrected', 'updated', 'status', 'created']);
    expect(revisions.items.map((r) => r.actor.name)).toEqual([
      'editor desk',
      'editor desk',
      'editor desk',
      'contributor desk',
    ]);

    const first = await editor.article.revision({
      id: created.id,
      revisionId: revisions.items.at(-1)?.id ?? '',
    });
    expect(first.snapshot.headline).toBe('Council approves budget');
    expect(first.kind).toBe('created');
    expect(
      await codeOf(
        editor.article.revision({ id: created.id, revisionId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toBe('NOT_FOUND');

    const restored = await editor.article.restore({
      id: created.id,
      version: corrected.version,
      revisionId: revisions.items.at(-1)?.id ?? '',
    });
    expect(restored.headline).toBe('Council approves budget');
    expect(restored.corrections).toHaveLength(1);
  });

  it('schedules only for the future, and unpublishes, archives and deletes', async () => {
    const editor = fx.as('editor');
    const draft = await fx.draft();
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(await codeOf(editor.article.schedule({ id: draft.id, version: draft.version, at: past }))).toBe(
      'BAD_REQUEST',
    );
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await editor.article.schedule({ id: draft.id, version: draft.version, at });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledFor: at });

    const back = await editor.article.unpublish({ id: scheduled.id, version: scheduled.version });
    expect(back.status).toBe('draft');
    const archived = await editor.article.archive({ id: back.id, version: back.version });
    expect(archived.status).toBe('archived');
    expect(await codeOf(editor.article.schedule({ id: archived.id, version: archived.version, at }))).toBe(
      'BAD_REQUEST',
    );

    await editor.article.delete({ id: archived.id, version: archived.version });
    expect(await fx.store.articles.byId(archived.id)).toBeNull();
  });

  it('lets an author submit a draft for review, not a contributor', async () => {
    const own = await fx.draft({ author: 'ana-author' });
    const submitted = await fx.as('author').article.submit({ id: own.id, version: own.version });
    expect(submitted.reviewRequestedAt).not.toBeNull();
    const theirs = await fx.draft({ author: 'cy-contributor' });
    expect(
      await codeOf(fx.as('contributor').article.submit({ id: theirs.id, version: theirs.version })),
    ).toBe('FORBIDDEN');
  });

  it('keeps a renamed article reachable through its old slug', async () => {
    const published = await fx.draft({ status: 'published', headline: 'Old headline' });
    await fx
      .as('editor')
      .article.update({ id: published.id, version: published.version, slug: 'new-headline' });
    const moved = await fx.as('reader').redirect.lookup({ kind: 'article', slug: published.slug });
    expect(moved.slug).toBe('new-headline');
  });
});

describe('cursors', () => {
  it('refuses a cursor from somewhere else with BAD_REQUEST, on every paginated procedure', async () => {
    const article = await fx.draft({ status: 'published' });
    const foreign = Buffer.from('["not","ours"]').toString('base64url');
    const editor = fx.as('editor');
    expect(await codeOf(editor.article.revisions({ id: article.id, cursor: foreign }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.article.search({ q: 'climate', cursor: foreign }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.comment.list({ articleId: article.id, cursor: foreign }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.comment.byStatus({ cursor: foreign }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.article.list({ cursor: foreign }))).toBe('BAD_REQUEST');
  });
});
