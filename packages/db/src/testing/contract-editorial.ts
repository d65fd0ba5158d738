import { limits } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, StoreError, VersionConflictError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, publish, unknownId } from './contract-fixtures.js';
import { raceOf, type StoreSessions } from './store-sessions.js';

/** Corrections, review requests, deletion and scheduled publication. Part of describeStoreContract. */
export function describeEditorialContract(store: () => Store, sessions: StoreSessions): void {
  describe('corrections', () => {
    it('appends dated public corrections, bumping the version and the update time', async () => {
      const article = await publish(store(), draftInput({ slug: 'fixed' }), at(0));
      const once = await store().articles.addCorrection(
        article.id,
        article.version,
        '  The mayor is Ana, not Ann.  ',
        {
          now: at(10),
        },
      );
      expect(once).toMatchObject({
        corrections: [{ date: at(10).toISOString(), note: 'The mayor is Ana, not Ann.' }],
        updatedAt: at(10).toISOString(),
        publishedAt: article.publishedAt,
        version: article.version + 1,
      });
      const twice = await store().articles.addCorrection(
        article.id,
        once.version,
        'And the date was Tuesday.',
        {
          now: at(20),
        },
      );
      expect(twice.corrections.map((c) => c.note)).toEqual([
        'The mayor is Ana, not Ann.',
        'And the date was Tuesday.',
      ]);
      expect(await store().articles.bySlug('fixed')).toEqual(twice);
    });

    it('refuses a stale version, an empty note, and an article never published', async () => {
      const article = await publish(store(), draftInput({ slug: 'c' }), at(0));
      await expect(store().articles.addCorrection(article.id, article.version - 1, 'Late.')).rejects.toThrow(
        VersionConflictError,
      );
      await expect(store().articles.addCorrection(article.id, article.version, '   ')).rejects.toThrow();
      await expect(
        store().articles.addCorrection(article.id, article.version, 'x'.repeat(limits.correctionText + 1)),
      ).rejects.toThrow();
      const draft = await store().articles.create(draftInput({ slug: 'draft' }));
      await expect(store().articles.addCorrection(draft.id, 1, 'Nothing to correct yet.')).rejects.toThrow(
        InvalidTransitionError,
      );
      await expect(store().articles.addCorrection(unknownId, 1, 'Who?')).rejects.toThrow(NotFoundError);
      expect((await store().articles.byId(article.id))?.corrections).toEqual([]);
    });
  });

  describe('review requests', () => {
    it('marks a draft as waiting for review until its status changes', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'review-me' }), { now: at(0) });
      const asked = await store().articles.requestReview(draft.id, 1, { now: at(5) });
      expect(asked).toMatchObject({
        reviewRequestedAt: at(5).toISOString(),
        version: 2,
        status: 'draft',
        updatedAt: at(0).toISOString(),
      });
      const edited = await store().articles.update({ id: draft.id, version: 2, headline: 'Tweaked' });
      expect(edited.reviewRequestedAt).toBe(at(5).toISOString());
      const published = await store().articles.setStatus(draft.id, edited.version, 'published', {
        now: at(9),
      });
      expect(published.reviewRequestedAt).toBeNull();
    });

    it('is for drafts only, and checks the version', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'stale' }));
      await store().articles.update({ id: draft.id, version: 1, headline: 'Moved on' });
      await expect(store().articles.requestReview(draft.id, 1)).rejects.toThrow(VersionConflictError);
      const live = await publish(store(), draftInput({ slug: 'live' }), at(0));
      await expect(store().articles.requestReview(live.id, live.version)).rejects.toThrow(
        InvalidTransitionError,
      );
    });
  });

  describe('deleting', () => {
    it('removes the article with its comments, revisions and search entry', async () => {
      const article = await publish(
        store(),
        draftInput({ slug: 'doomed', headline: 'Quokka census', commentPolicy: 'open' }),
        at(0),
      );
      const keep = await publish(store(), draftInput({ slug: 'kept', headline: 'Quokka habitat' }), at(1));
      await store().comments.create({ articleId: article.id, displayName: 'R', body: 'Hi', parentId: null });
      expect((await store().comments.listByStatus('approved', { limit: 5 })).items).toHaveLength(1);

      await store().articles.delete(article.id, article.version);
      expect(await store().articles.byId(article.id)).toBeNull();
      expect(await store().articles.bySlug('doomed', { status: 'any' })).toBeNull();
      await expect(store().articles.revisions(article.id, { limit: 5 })).rejects.toThrow(NotFoundError);
      expect((await store().comments.listByStatus('approved', { limit: 5 })).items).toEqual([]);
      expect((await store().articles.search({ q: 'quokka', limit: 5 })).items.map((a) => a.slug)).toEqual([
        'kept',
      ]);
      expect(await store().articleCount()).toBe(1);
      expect((await store().articles.byId(keep.id))?.slug).toBe('kept');
      // The slug is free again.
      expect((await store().articles.create(draftInput({ slug: 'doomed' }))).slug).toBe('doomed');
    });

    it('refuses a stale version and an unknown article, deleting nothing', async () => {
      const article = await store().articles.create(draftInput({ slug: 'survivor' }));
      await store().articles.update({ id: article.id, version: 1, headline: 'Edited since' });
      await expect(store().articles.delete(article.id, 1)).rejects.toThrow(VersionConflictError);
      await expect(store().articles.delete(unknownId, 1)).rejects.toThrow(NotFoundError);
      expect(await store().articleCount()).toBe(1);
    });
  });

  describe('scheduled publication', () => {
    const schedule = async (slug: string, minute: number, options: { publishedBefore?: boolean } = {}) => {
      let article = await store().articles.create(draftInput({ slug }), { now: at(0) });
      if (options.publishedBefore) {
        article = await store().articles.setStatus(article.id, article.version, 'published', { now: at(1) });
        article = await store().articles.setStatus(article.id, article.version, 'draft', { now: at(2) });
      }
      return store().articles.setStatus(article.id, article.version, 'scheduled', {
        now: at(3),
        scheduledFor: at(minute).toISOString(),
      });
    };

    it('publishes what is due, once, with the time it went out, and leaves the rest scheduled', async () => {
      const early = await schedule('early', 60);
      const onTime = await schedule('on-time', 90);
      const republished = await schedule('republished', 70, { publishedBefore: true });
      const later = await schedule('later', 200);

      expect(await store().articles.publishDue(at(59))).toEqual([]);
      const published = await store().articles.publishDue(at(90));
      expect(published.map((a) => a.slug).sort()).toEqual(['early', 'on-time', 'republished']);
      const byId = new Map(published.map((a) => [a.id, a]));
      expect(byId.get(early.id)).toMatchObject({
        status: 'published',
        publishedAt: at(90).toISOString(),
        updatedAt: at(90).toISOString(),
        scheduledFor: null,
        version: early.version + 1,
      });
      expect(byId.get(onTime.id)?.publishedAt).toBe(at(90).toISOString());
      // Published before: the first publication time stays.
      expect(byId.get(republished.id)?.publishedAt).toBe(at(1).toISOString());
      expect(await store().articles.byId(early.id)).toEqual(byId.get(early.id));

      expect(await store().articles.publishDue(at(90))).toEqual([]);
      expect((await store().articles.byId(later.id))?.status).toBe('scheduled');
      const [revision] = (await store().articles.revisions(early.id, { limit: 1 })).items;
      expect(revision).toMatchObject({ kind: 'status', actor: { tokenId: null, name: 'system' } });
      expect(revision?.snapshot.status).toBe('published');
    });

    it(`publishes each article exactly once when called twice at the same moment, ${raceOf(sessions)}`, async () => {
      for (let i = 0; i < 5; i++) await schedule(`due-${i}`, 60 + i);
      const [first, second] = await Promise.all([
        store().articles.publishDue(at(100)),
        store().articles.publishDue(at(100)),
      ]);
      const ids = [...(first ?? []), ...(second ?? [])].map((a) => a.id);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      for (const id of ids) {
        const statusRevisions = (await store().articles.revisions(id, { limit: 20 })).items.filter(
          (r) => r.snapshot.status === 'published',
        );
        expect(statusRevisions).toHaveLength(1);
      }
    });

    it('leaves alone an article taken off the schedule before its time', async () => {
      const article = await schedule('pulled', 60);
      await store().articles.setStatus(article.id, article.version, 'draft', { now: at(30) });
      expect(await store().articles.publishDue(at(120))).toEqual([]);
      expect((await store().articles.byId(article.id))?.status).toBe('draft');
    });
  });

  describe('limits', () => {
    it('refuses more corrections than an article may carry', async () => {
      let article = await publish(store(), draftInput({ slug: 'much-corrected' }), at(0));
      for (let i = 0; i < limits.corrections; i++) {
        article = await store().articles.addCorrection(article.id, article.version, `Fix ${i}.`, {
          now: at(1),
        });
      }
      await expect(store().articles.addCorrection(article.id, article.version, 'One more.')).rejects.toThrow(
        StoreError,
      );
    });
  });
}
