import {
  type Article,
  type CommentPolicy,
  CommentSchema,
  limits,
  QueuedCommentSchema,
} from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { CommentsClosedError, InvalidInputError, NotFoundError, StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at, draftInput, publish, unknownId } from './contract-fixtures.js';

/** Comments: policies, moderation queue, threads. Part of describeStoreContract. */
export function describeCommentContract(store: () => Store): void {
  describe('comments', () => {
    const say = (article: Article, body: string, minute: number, parentId: string | null = null) =>
      store().comments.create(
        { articleId: article.id, displayName: 'Reader', body, parentId },
        { now: at(minute) },
      );
    const approve = (id: string) => store().comments.setStatus(id, 'approved');
    const withPolicy = (slug: string, commentPolicy: CommentPolicy) =>
      publish(store(), draftInput({ slug, commentPolicy }), at(0));

    it('holds comments for a moderator on a moderated article, then shows approved ones oldest first', async () => {
      const article = await withPolicy('talk', 'moderated');
      const first = await say(article, 'First!', 1);
      const second = await say(article, 'Spam spam', 2);
      const third = await say(article, 'Thoughtful', 3);
      expect(CommentSchema.parse(first)).toEqual(first);
      expect(first.status).toBe('pending');
      expect((await store().comments.list(article.id, { order: 'oldest', limit: 10 })).items).toEqual([]);

      await approve(third.id);
      expect((await approve(first.id)).status).toBe('approved');
      await store().comments.setStatus(second.id, 'spam');
      const page = await store().comments.list(article.id, { order: 'oldest', limit: 10 });
      expect(page.items.map((c) => c.body)).toEqual(['First!', 'Thoughtful']);
      expect(page.items[0]).toMatchObject({ id: first.id, status: 'approved', replies: [] });
      expect(page.nextCursor).toBeNull();
      const newest = await store().comments.list(article.id, { order: 'newest', limit: 10 });
      expect(newest.items.map((c) => c.body)).toEqual(['Thoughtful', 'First!']);
    });

    it('shows comments at once on an open article, and refuses them on a closed one', async () => {
      const open = await withPolicy('open-talk', 'open');
      const comment = await say(open, 'Straight in', 1);
      expect(comment.status).toBe('approved');
      expect((await store().comments.list(open.id, { order: 'oldest', limit: 5 })).items).toHaveLength(1);

      const closed = await withPolicy('closed-talk', 'closed');
      await expect(say(closed, 'Let me in', 1)).rejects.toThrow(CommentsClosedError);
      expect((await store().comments.listByStatus('pending', { limit: 10 })).items).toEqual([]);
    });

    it('follows a policy change: an article closed after publication takes no more comments', async () => {
      const article = await withPolicy('closing', 'open');
      await say(article, 'Early', 1);
      await store().articles.update({ id: article.id, version: article.version, commentPolicy: 'closed' });
      await expect(say(article, 'Late', 2)).rejects.toThrow(CommentsClosedError);
      // What was approved stays readable.
      expect((await store().comments.list(article.id, { order: 'oldest', limit: 5 })).items).toHaveLength(1);
    });

    it('takes and lists comments of published articles only', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'not-yet', commentPolicy: 'open' }));
      await expect(say(draft, 'Too early', 1)).rejects.toThrow(NotFoundError);
      await expect(store().comments.list(draft.id, { order: 'oldest', limit: 5 })).rejects.toThrow(
        NotFoundError,
      );

      const article = await withPolicy('was-live', 'open');
      await say(article, 'While live', 1);
      await store().articles.setStatus(article.id, article.version, 'archived');
      await expect(store().comments.list(article.id, { order: 'oldest', limit: 5 })).rejects.toThrow(
        NotFoundError,
      );
      await expect(say(article, 'After', 2)).rejects.toThrow(NotFoundError);
    });

    it('gives each thread its approved replies, oldest first, and files a reply to a reply under the top', async () => {
      const article = await withPolicy('thread', 'moderated');
      const top = await say(article, 'Top', 1);
      const other = await say(article, 'Other top', 2);
      const late = await say(article, 'Late reply', 9, top.id);
      const early = await say(article, 'Early reply', 3, top.id);
      const replyToReply = await say(article, 'Reply to a reply', 5, early.id);
      const rejected = await say(article, 'Rude reply', 4, top.id);
      expect(early.parentId).toBe(top.id);
      expect(replyToReply.parentId).toBe(top.id);
      for (const c of [top, other, late, early, replyToReply]) await approve(c.id);
      await store().comments.setStatus(rejected.id, 'rejected');

      const page = await store().comments.list(article.id, { order: 'oldest', limit: 10 });
      expect(page.items.map((c) => c.body)).toEqual(['Top', 'Other top']);
      expect(page.items[0]?.replies.map((r) => r.body)).toEqual([
        'Early reply',
        'Reply to a reply',
        'Late reply',
      ]);
      expect(page.items[0]?.replies.every((r) => r.parentId === top.id)).toBe(true);
      expect(page.items[1]?.replies).toEqual([]);
    });

    it('pages threads with a cursor, oldest or newest first, each once', async () => {
      const article = await withPolicy('busy', 'open');
      const bodies: string[] = [];
      for (let i = 0; i < 7; i++) {
        // Pairs share a time: the cursor must break ties by id without skipping or repeating.
        const top = await say(article, `Comment ${i}`, Math.floor(i / 2));
        await say(article, `Reply to ${i}`, 100 + i, top.id);
        bodies.push(top.body);
      }
      for (const order of ['oldest', 'newest'] as const) {
        const { items, pages } = await allPages((cursor) =>
          store().comments.list(article.id, { order, limit: 3, ...(cursor ? { cursor } : {}) }),
        );
        expect(pages).toBe(3);
        expect(items.map((c) => c.id)).toHaveLength(7);
        expect(new Set(items.map((c) => c.id)).size).toBe(7);
        const times = items.map((c) => c.createdAt);
        const sorted = [...times].sort();
        expect(times).toEqual(order === 'oldest' ? sorted : sorted.reverse());
        for (const thread of items)
          expect(thread.replies.map((r) => r.body)).toEqual([`Reply to ${thread.body.slice(8)}`]);
      }
      await expect(
        store().comments.list(article.id, { order: 'oldest', limit: 3, cursor: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toThrow(StoreError);
    });

    it('queues comments by status for moderators, oldest first across articles, with a cursor', async () => {
      const a = await withPolicy('queue-a', 'moderated');
      const b = await withPolicy('queue-b', 'moderated');
      const waiting = [
        await say(a, 'a1', 5),
        await say(b, 'b1', 1),
        await say(a, 'a2', 3),
        await say(b, 'b2', 4),
      ];
      await approve(waiting[2]?.id ?? '');
      const { items, pages } = await allPages((cursor) =>
        store().comments.listByStatus('pending', { limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      expect(items.map((c) => c.body)).toEqual(['b1', 'b2', 'a1']);
      expect(pages).toBe(2);
      expect(
        (await store().comments.listByStatus('approved', { limit: 5 })).items.map((c) => c.body),
      ).toEqual(['a2']);
      expect(await store().comments.countByStatus()).toEqual({
        pending: 3,
        approved: 1,
        rejected: 0,
        spam: 0,
      });
    });

    it('gives each queued comment its article, and pages the queue newest first too', async () => {
      const a = await withPolicy('queue-news-a', 'moderated');
      const b = await withPolicy('queue-news-b', 'open');
      const moderated = await store().articles.update({
        id: b.id,
        version: b.version,
        commentPolicy: 'moderated',
      });
      const waiting = [
        await say(a, 'a1', 1),
        await say(moderated, 'b1', 2),
        await say(a, 'a2', 2),
        await say(a, 'a3', 4),
      ];
      const { items, pages } = await allPages((cursor) =>
        store().comments.listByStatus('pending', {
          order: 'newest',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        }),
      );
      expect(pages).toBe(2);
      expect(items.map((c) => c.body)).toEqual(
        [...waiting]
          .sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id.localeCompare(x.id))
          .map((c) => c.body),
      );
      for (const item of items) expect(QueuedCommentSchema.parse(item)).toEqual(item);
      expect(items.find((c) => c.body === 'b1')?.article).toEqual({
        id: b.id,
        slug: 'queue-news-b',
        headline: b.headline,
        status: 'published',
        commentPolicy: 'moderated',
        version: moderated.version,
      });
      expect(items.find((c) => c.body === 'a3')?.article).toMatchObject({
        id: a.id,
        commentPolicy: 'moderated',
      });
    });

    it('decides several comments in one call, skipping ids it does not know', async () => {
      const article = await withPolicy('bulk', 'moderated');
      const [one, two, three] = [
        await say(article, 'One', 1),
        await say(article, 'Two', 2),
        await say(article, 'Three', 3),
      ];
      const decided = await store().comments.setStatusMany(
        [three?.id ?? '', unknownId, one?.id ?? ''],
        'spam',
      );
      expect(decided.map((c) => [c.body, c.status])).toEqual([
        ['Three', 'spam'],
        ['One', 'spam'],
      ]);
      expect((await store().comments.listByStatus('pending', { limit: 10 })).items.map((c) => c.id)).toEqual([
        two?.id,
      ]);
      expect(await store().comments.setStatusMany([], 'approved')).toEqual([]);
      const tooMany = Array.from({ length: limits.moderationBatch + 1 }, () => unknownId);
      await expect(store().comments.setStatusMany(tooMany, 'approved')).rejects.toThrow(InvalidInputError);
    });

    it('reports unknown articles, parents and comments as not found', async () => {
      await expect(
        store().comments.create({ articleId: unknownId, displayName: 'A', body: 'Hello', parentId: null }),
      ).rejects.toThrow(NotFoundError);
      await expect(store().comments.list(unknownId, { order: 'oldest', limit: 5 })).rejects.toThrow(
        NotFoundError,
      );
      const article = await withPolicy('x', 'open');
      const elsewhere = await withPolicy('y', 'open');
      const foreign = await say(elsewhere, 'Elsewhere', 1);
      await expect(say(article, 'Hello', 2, unknownId)).rejects.toThrow(NotFoundError);
      // A parent on another article is no parent here.
      await expect(say(article, 'Hello', 2, foreign.id)).rejects.toThrow(NotFoundError);
      await expect(store().comments.setStatus(unknownId, 'approved')).rejects.toThrow(NotFoundError);
    });
  });
}
