import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

describe('comments', () => {
  it('wait for a moderator, then appear with their replies under them', async () => {
    const article = await fx.draft({ status: 'published' });
    const reader = fx.as('reader');
    const first = await reader.comment.create({ articleId: article.id, displayName: 'Ines', body: 'First!' });
    expect(first.status).toBe('pending');
    expect((await reader.comment.list({ articleId: article.id })).items).toEqual([]);

    const editor = fx.as('editor');
    const queue = await editor.comment.byStatus({});
    expect(queue.items.map((c) => c.id)).toEqual([first.id]);
    await editor.comment.moderate({ id: first.id, status: 'approved' });
    const reply = await reader.comment.create({
      articleId: article.id,
      displayName: 'Tom',
      body: 'Agreed.',
      parentId: first.id,
    });
    await editor.comment.moderate({ id: reply.id, status: 'approved' });
    const spam = await reader.comment.create({ articleId: article.id, displayName: 'Spam', body: 'Buy now' });
    await editor.comment.moderate({ id: spam.id, status: 'spam' });

    const threads = await reader.comment.list({ articleId: article.id });
    expect(threads.items.map((t) => t.body)).toEqual(['First!']);
    expect(threads.items[0]?.replies.map((r) => r.body)).toEqual(['Agreed.']);
  });

  it('appear at once on an open article and are refused on a closed one', async () => {
    const article = await fx.draft({ status: 'published' });
    const editor = fx.as('editor');
    const open = await editor.article.update({
      id: article.id,
      version: article.version,
      commentPolicy: 'open',
    });
    const reader = fx.as('reader');
    expect(
      (await reader.comment.create({ articleId: article.id, displayName: 'A', body: 'Hi' })).status,
    ).toBe('approved');
    await editor.article.update({ id: open.id, version: open.version, commentPolicy: 'closed' });
    expect(
      await codeOf(reader.comment.create({ articleId: article.id, displayName: 'A', body: 'Hi again' })),
    ).toBe('FORBIDDEN');
  });

  it('are plain text within limits, on published articles only', async () => {
    const reader = fx.as('reader');
    const draft = await fx.draft();
    expect(await codeOf(reader.comment.create({ articleId: draft.id, displayName: 'A', body: 'Hi' }))).toBe(
      'NOT_FOUND',
    );
    const article = await fx.draft({ status: 'published' });
    expect(await codeOf(reader.comment.create({ articleId: article.id, displayName: '', body: 'Hi' }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await codeOf(
        reader.comment.create({ articleId: article.id, displayName: 'A', body: 'x'.repeat(5_001) }),
      ),
    ).toBe('BAD_REQUEST');
    const html = await reader.comment.create({
      articleId: article.id,
      displayName: 'A',
      body: '<b>bold</b>',
    });
    expect(html.body).toBe('<b>bold</b>');
  });
});

describe('moderation', () => {
  it('queues comments newest first across articles, each with its article to link to and to close', async () => {
    const first = await fx.draft({ status: 'published', headline: 'Bridge reopens' });
    const second = await fx.draft({ status: 'published', headline: 'Harbour plans' });
    const reader = fx.as('reader');
    const older = await reader.comment.create({ articleId: first.id, displayName: 'Ines', body: 'Finally' });
    // Two comments in one millisecond tie on time and are ordered by id; these must not tie.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await reader.comment.create({ articleId: second.id, displayName: 'Tom', body: 'Too big' });

    const editor = fx.as('editor');
    const queue = await editor.comment.byStatus({ order: 'newest', limit: 1 });
    expect(queue.items.map((c) => c.id)).toEqual([newer.id]);
    expect(queue.items[0]?.article).toEqual({
      id: second.id,
      slug: second.slug,
      headline: 'Harbour plans',
      status: 'published',
      commentPolicy: 'moderated',
      version: second.version,
    });
    const next = await editor.comment.byStatus({ order: 'newest', limit: 1, cursor: queue.nextCursor ?? '' });
    expect(next.items.map((c) => [c.id, c.article.headline])).toEqual([[older.id, 'Bridge reopens']]);
    expect((await editor.comment.byStatus({})).items.map((c) => c.id)).toEqual([older.id, newer.id]);

    // Closing comments from the queue is an update that keeps the story's public "updated" time.
    const closed = await editor.article.update({
      id: second.id,
      version: second.version,
      commentPolicy: 'closed',
      minor: true,
    });
    expect(closed).toMatchObject({ commentPolicy: 'closed', updatedAt: second.updatedAt });
  });

  it('decides several comments at once, each recorded in the audit trail, and says which it did not find', async () => {
    const article = await fx.draft({ status: 'published' });
    const reader = fx.as('reader');
    const spam = [
      await reader.comment.create({ articleId: article.id, displayName: 'Buy', body: 'Cheap pills' }),
      await reader.comment.create({ articleId: article.id, displayName: 'Buy', body: 'Cheap watches' }),
    ];
    const keep = await reader.comment.create({
      articleId: article.id,
      displayName: 'Ines',
      body: 'Good piece',
    });
    const gone = crypto.randomUUID();

    const answer = await fx.as('editor').comment.moderateMany({
      ids: [spam[0]?.id ?? '', gone, spam[1]?.id ?? ''],
      status: 'spam',
    });
    expect(answer.comments.map((c) => [c.id, c.status])).toEqual([
      [spam[0]?.id, 'spam'],
      [spam[1]?.id, 'spam'],
    ]);
    expect(answer.notFound).toEqual([gone]);
    expect((await fx.as('editor').comment.byStatus({})).items.map((c) => c.id)).toEqual([keep.id]);

    const trail = await fx.store.audit.list({ action: 'comment.moderateMany', limit: 10 });
    expect(trail.items.map((e) => e.objectId).sort()).toEqual(spam.map((c) => c.id).sort());
    expect(trail.items[0]).toMatchObject({
      objectType: 'comment',
      actor: { kind: 'token', name: 'editor desk' },
      detail: { status: 'spam', together: true },
    });
  });

  it('refuses an empty selection, more than 100 comments, the same one twice, or "pending" as a decision', async () => {
    const editor = fx.as('editor');
    const id = crypto.randomUUID();
    expect(await codeOf(editor.comment.moderateMany({ ids: [], status: 'approved' }))).toBe('BAD_REQUEST');
    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    expect(await codeOf(editor.comment.moderateMany({ ids: many, status: 'approved' }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.comment.moderateMany({ ids: [id, id], status: 'approved' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(editor.comment.moderateMany({ ids: [id], status: 'pending' as 'approved' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(fx.as('author').comment.moderateMany({ ids: [id], status: 'approved' }))).toBe(
      'FORBIDDEN',
    );
  });
});
