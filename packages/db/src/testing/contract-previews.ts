import { PreviewLinkSchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, unknownId } from './contract-fixtures.js';
import { activePerson } from './contract-people.js';

const day = 24 * 60;

/** A share link to `articleId` made at minute `made`, lasting `days`, by Ada or by a token's holder. */
function shareLink(store: Store, articleId: string, made: number, days = 7, personId: string | null = null) {
  return store.previews.create(articleId, {
    expiresAt: at(made + days * day),
    purpose: 'share',
    actor: { personId, name: personId ? 'Ada Editor' : 'Desk token' },
    now: at(made),
  });
}

/** Preview links: secret, expiring, revocable links to an article. Part of describeStoreContract. */
export function describePreviewContract(store: () => Store): void {
  describe('preview links', () => {
    it('give a new nrp_ secret for each link, which opens the article until the link expires', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const first = await shareLink(store(), article.id, 0);
      const second = await shareLink(store(), article.id, 0);
      expect(first.secret).toMatch(/^nrp_[A-Za-z0-9_-]{43}$/);
      expect(second.secret).not.toBe(first.secret);
      expect(first.expiresAt).toBe(at(7 * day).toISOString());
      const live = { articleId: article.id, expiresAt: first.expiresAt };
      expect(await store().previews.resolve(first.secret, at(0))).toEqual(live);
      expect(await store().previews.resolve(first.secret, at(7 * day - 1))).toEqual(live);
      expect(await store().previews.resolve(first.secret, at(7 * day))).toBeNull();
      expect(await store().previews.resolve(first.secret, at(30 * day))).toBeNull();
    });

    it('resolve a secret that was never made, or is not even shaped like one, to null', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const { secret } = await shareLink(store(), article.id, 0);
      for (const wrong of [
        'nrp_unknown',
        secret.slice(0, -1),
        secret.slice(4),
        `nrs_${secret.slice(4)}`,
        `${secret}x`,
        `nrp_${'x'.repeat(500)}`,
        '',
      ]) {
        expect(await store().previews.resolve(wrong, at(1)), wrong).toBeNull();
      }
    });

    it("list an article's live share links newest first, with who made them and never the secret", async () => {
      const ada = await activePerson(store());
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const other = await store().articles.create(draftInput({ slug: 'another-story' }), { now: at(0) });
      const older = await shareLink(store(), article.id, 0, 7, ada.id);
      const newer = await shareLink(store(), article.id, 10, 1);
      const expiring = await shareLink(store(), article.id, 5, 1);
      const revoked = await shareLink(store(), article.id, 20);
      await store().previews.revoke(revoked.id, at(21));
      await shareLink(store(), other.id, 0);
      await store().previews.create(article.id, {
        expiresAt: at(60),
        purpose: 'desk',
        actor: { personId: ada.id, name: 'Ada Editor' },
        now: at(30),
      });

      const listed = await store().previews.list(article.id, at(31));
      expect(listed.map((link) => link.id)).toEqual([newer.id, expiring.id, older.id]);
      for (const link of listed) expect(PreviewLinkSchema.parse(link)).toEqual(link);
      expect(listed[2]).toEqual({
        id: older.id,
        articleId: article.id,
        purpose: 'share',
        createdBy: { personId: ada.id, name: 'Ada Editor' },
        createdAt: at(0).toISOString(),
        expiresAt: at(7 * day).toISOString(),
        revokedAt: null,
      });
      expect(listed[0]?.createdBy).toEqual({ personId: null, name: 'Desk token' });
      const json = JSON.stringify(listed);
      for (const { secret } of [older, newer, expiring]) {
        expect(json).not.toContain(secret);
        expect(json).not.toContain(secret.slice(4));
      }
      // A day later the two one-day links have expired.
      expect((await store().previews.list(article.id, at(day + 10))).map((link) => link.id)).toEqual([
        older.id,
      ]);
      expect(await store().previews.list(unknownId, at(31))).toEqual([]);
    });

    it('revoke a link at once and once: it opens nothing after, and says whether it was live', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const link = await shareLink(store(), article.id, 0);
      const kept = await shareLink(store(), article.id, 0);
      expect(await store().previews.revoke(link.id, at(5))).toBe(true);
      expect(await store().previews.resolve(link.secret, at(6))).toBeNull();
      expect(await store().previews.revoke(link.id, at(7))).toBe(false);
      expect(await store().previews.revoke(unknownId, at(7))).toBe(false);
      expect(await store().previews.byId(link.id)).toMatchObject({ revokedAt: at(5).toISOString() });
      expect(await store().previews.resolve(kept.secret, at(6))).toEqual({
        articleId: article.id,
        expiresAt: kept.expiresAt,
      });
      expect(await store().previews.byId(unknownId)).toBeNull();
    });

    it('refuse a link to an unknown article, one that expires before it is made, or no maker', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      await expect(shareLink(store(), unknownId, 0)).rejects.toThrow(NotFoundError);
      const expiring = (expiresAt: Date) =>
        store().previews.create(article.id, {
          expiresAt,
          purpose: 'share',
          actor: { personId: null, name: 'Desk' },
          now: at(10),
        });
      await expect(expiring(at(10))).rejects.toThrow(InvalidInputError);
      await expect(expiring(at(9))).rejects.toThrow('a preview link must expire after it is made');
      await expect(
        store().previews.create(article.id, {
          expiresAt: at(20),
          purpose: 'share',
          actor: { personId: null, name: '' },
          now: at(10),
        }),
      ).rejects.toThrow();
      expect(await store().previews.list(article.id, at(11))).toEqual([]);
    });

    it('go with their article when it is deleted', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const link = await shareLink(store(), article.id, 0);
      await store().articles.delete(article.id, article.version);
      expect(await store().previews.resolve(link.secret, at(1))).toBeNull();
      expect(await store().previews.byId(link.id)).toBeNull();
    });

    it('forget links that expired or were revoked, keeping live ones', async () => {
      const article = await store().articles.create(draftInput(), { now: at(0) });
      const live = await shareLink(store(), article.id, 0, 7);
      const expired = await shareLink(store(), article.id, 0, 1);
      const revoked = await shareLink(store(), article.id, 0, 7);
      await store().previews.revoke(revoked.id, at(5));
      expect(await store().previews.prune(at(2 * day))).toBe(2);
      expect(await store().previews.byId(expired.id)).toBeNull();
      expect(await store().previews.byId(revoked.id)).toBeNull();
      expect((await store().previews.byId(live.id))?.id).toBe(live.id);
      expect(await store().previews.prune(at(2 * day))).toBe(0);
    });
  });
}
