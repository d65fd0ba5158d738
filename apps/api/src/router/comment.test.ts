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
