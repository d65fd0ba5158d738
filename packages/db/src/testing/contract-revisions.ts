import { type Actor, type ArticleRevision, ArticleRevisionSchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { NotFoundError, StoreError, VersionConflictError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at, draftInput, importInput, textBody, unknownId } from './contract-fixtures.js';

const desk: Actor = { tokenId: '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6', name: 'Desk editor' };
const writer: Actor = { tokenId: '6a1d8b4f-2c3e-4d6f-9a01-b2c3d4e5f607', name: 'Writer' };

/** Revisions: who changed what, and going back. Part of describeStoreContract. */
export function describeRevisionContract(store: () => Store): void {
  describe('revisions', () => {
    const revisionsOf = async (id: string) =>
      (
        await allPages((cursor) =>
          store().articles.revisions(id, { limit: 100, ...(cursor ? { cursor } : {}) }),
        )
      ).items;

    it('records every change with its kind, its actor and the article as it was after it, newest first', async () => {
      const created = await store().articles.create(draftInput({ slug: 'tracked', headline: 'First take' }), {
        now: at(0),
        actor: writer,
      });
      const updated = await store().articles.update(
        { id: created.id, version: 1, headline: 'Second take' },
        { now: at(1), actor: desk },
      );
      const reviewed = await store().articles.requestReview(created.id, 2, { now: at(2), actor: writer });
      const published = await store().articles.setStatus(created.id, 3, 'published', {
        now: at(3),
        actor: desk,
      });
      const corrected = await store().articles.addCorrection(created.id, 4, 'We misspelled a name.', {
        now: at(4),
      });

      const revisions = await revisionsOf(created.id);
      for (const revision of revisions) expect(ArticleRevisionSchema.parse(revision)).toEqual(revision);
      expect(revisions.map((r) => [r.version, r.kind, r.actor.name, r.createdAt])).toEqual([
        [5, 'corrected', 'system', at(4).toISOString()],
        [4, 'status', 'Desk editor', at(3).toISOString()],
        [3, 'status', 'Writer', at(2).toISOString()],
        [2, 'updated', 'Desk editor', at(1).toISOString()],
        [1, 'created', 'Writer', at(0).toISOString()],
      ]);
      expect(revisions.map((r) => r.snapshot)).toEqual([corrected, published, reviewed, updated, created]);
      expect(revisions[1]?.actor).toEqual(desk);
      expect(revisions.every((r) => r.articleId === created.id)).toBe(true);
    });

    it("finds one revision by its id, and only among its own article's", async () => {
      const first = await store().articles.create(
        draftInput({ slug: 'one-revision', headline: 'First take' }),
        {
          actor: writer,
        },
      );
      await store().articles.update({ id: first.id, version: 1, headline: 'Second take' }, { actor: desk });
      const other = await store().articles.create(draftInput({ slug: 'another-story' }));
      const [newest, oldest] = (await revisionsOf(first.id)) as [ArticleRevision, ArticleRevision];
      expect(await store().articles.revision(first.id, oldest.id)).toEqual(oldest);
      expect((await store().articles.revision(first.id, newest.id))?.snapshot.headline).toBe('Second take');
      expect(await store().articles.revision(other.id, oldest.id)).toBeNull();
      expect(await store().articles.revision(first.id, unknownId)).toBeNull();
    });

    it('orders revisions by save even when they share a timestamp', async () => {
      const created = await store().articles.create(draftInput({ slug: 'same-time' }), { now: at(0) });
      let version = created.version;
      for (let i = 0; i < 4; i++) {
        version = (
          await store().articles.update({ id: created.id, version, headline: `Take ${i}` }, { now: at(0) })
        ).version;
      }
      expect((await revisionsOf(created.id)).map((r) => r.version)).toEqual([5, 4, 3, 2, 1]);
    });

    it('pages through revisions with a cursor, each once', async () => {
      const created = await store().articles.create(draftInput({ slug: 'many-saves' }), { now: at(0) });
      for (let v = 1; v <= 7; v++) {
        await store().articles.update({ id: created.id, version: v, headline: `Save ${v}` }, { now: at(v) });
      }
      const { items, pages } = await allPages((cursor) =>
        store().articles.revisions(created.id, { limit: 3, ...(cursor ? { cursor } : {}) }),
      );
      expect(items.map((r) => r.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      expect(pages).toBe(3);
      await expect(
        store().articles.revisions(created.id, { limit: 3, cursor: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toThrow(StoreError);
      await expect(store().articles.revisions(unknownId, { limit: 3 })).rejects.toThrow(NotFoundError);
    });

    it('restores the editable fields of a revision as a new version, keeping status, times and corrections', async () => {
      const original = await store().articles.create(
        draftInput({
          slug: 'original-slug',
          headline: 'Original headline',
          standfirst: 'Original standfirst.',
          body: textBody('Original words.'),
          sectionSlug: 'world',
          tagSlugs: ['climate', 'lisbon'],
          authorSlugs: ['al'],
          dateline: 'LISBON',
          seoTitle: 'Original SEO',
          commentPolicy: 'open',
        }),
        { now: at(0) },
      );
      const edited = await store().articles.update(
        {
          id: original.id,
          version: 1,
          slug: 'edited-slug',
          headline: 'Edited headline',
          standfirst: null,
          body: textBody('Edited words, more of them.'),
          sectionSlug: 'culture',
          tagSlugs: ['lisbon'],
          authorSlugs: ['bea', 'al'],
          dateline: null,
          seoTitle: null,
          commentPolicy: 'closed',
        },
        { now: at(1) },
      );
      const published = await store().articles.setStatus(original.id, edited.version, 'published', {
        now: at(2),
      });
      const corrected = await store().articles.addCorrection(original.id, published.version, 'A fix.', {
        now: at(3),
      });
      const [first] = (await revisionsOf(original.id)).slice(-1);

      const restored = await store().articles.restore(original.id, first?.id ?? '', corrected.version, {
        now: at(4),
        actor: desk,
      });
      expect(restored).toMatchObject({
        slug: 'original-slug',
        headline: 'Original headline',
        standfirst: 'Original standfirst.',
        body: original.body,
        section: { slug: 'world' },
        tags: [{ slug: 'climate' }, { slug: 'lisbon' }],
        authors: [{ slug: 'al' }],
        dateline: 'LISBON',
        seoTitle: 'Original SEO',
        commentPolicy: 'open',
        wordCount: original.wordCount,
        // What a revision does not bring back:
        status: 'published',
        publishedAt: at(2).toISOString(),
        createdAt: original.createdAt,
        updatedAt: at(4).toISOString(),
        corrections: corrected.corrections,
        version: corrected.version + 1,
      });
      expect(await store().articles.bySlug('original-slug')).toEqual(restored);
      // The slug it had until now redirects to the restored one.
      expect(await store().redirects.lookup('article', 'edited-slug')).toBe('original-slug');
      const [latest] = await revisionsOf(original.id);
      expect(latest).toMatchObject({
        kind: 'restored',
        actor: desk,
        version: restored.version,
        snapshot: restored,
      });
    });

    it('restores with taxonomy as it is named now: renamed tags followed, deleted ones left out', async () => {
      await store().tags.upsert({ slug: 'gone-tag', name: 'Gone', description: null, type: 'topic' });
      const created = await store().articles.create(
        draftInput({ slug: 'tax', tagSlugs: ['climate', 'gone-tag', 'lisbon'] }),
        { now: at(0) },
      );
      const edited = await store().articles.update(
        { id: created.id, version: 1, tagSlugs: [] },
        { now: at(1) },
      );
      await store().tags.update('climate', { slug: 'climate-crisis' });
      await store().tags.delete('gone-tag');
      const [first] = (await revisionsOf(created.id)).slice(-1);
      const restored = await store().articles.restore(created.id, first?.id ?? '', edited.version);
      expect(restored.tags.map((t) => t.slug)).toEqual(['climate-crisis', 'lisbon']);
    });

    it('refuses to restore over a newer version, or a revision it does not have', async () => {
      const a = await store().articles.create(draftInput({ slug: 'a', headline: 'A one' }));
      const b = await store().articles.create(draftInput({ slug: 'b' }));
      await store().articles.update({ id: a.id, version: 1, headline: 'A two' });
      const [first] = (await revisionsOf(a.id)).slice(-1);
      const [ofB] = await revisionsOf(b.id);
      await expect(store().articles.restore(a.id, first?.id ?? '', 1)).rejects.toThrow(VersionConflictError);
      await expect(store().articles.restore(a.id, unknownId, 2)).rejects.toThrow(NotFoundError);
      await expect(store().articles.restore(a.id, ofB?.id ?? '', 2)).rejects.toThrow(NotFoundError);
      await expect(store().articles.restore(unknownId, first?.id ?? '', 2)).rejects.toThrow(NotFoundError);
      expect((await store().articles.byId(a.id))?.headline).toBe('A two');
      expect(await revisionsOf(a.id)).toHaveLength(2);
    });

    it('saves the state of an imported article before its first change, so it can be restored', async () => {
      await store().articles.importMany([
        importInput({
          id: '3e2a1f00-0000-4000-8000-00000000abcd',
          slug: 'imported',
          headline: 'As imported',
          publishedAt: at(5).toISOString(),
        }),
      ]);
      const imported = await store().articles.bySlug('imported');
      const id = imported?.id ?? '';
      expect((await store().articles.revisions(id, { limit: 5 })).items).toEqual([]);
      const edited = await store().articles.update({ id, version: 1, headline: 'Edited' }, { now: at(9) });
      const revisions = await revisionsOf(id);
      expect(revisions.map((r) => [r.version, r.kind, r.actor.name])).toEqual([
        [2, 'updated', 'system'],
        [1, 'created', 'system'],
      ]);
      expect(revisions[1]?.snapshot).toEqual(imported);
      const restored = await store().articles.restore(id, revisions[1]?.id ?? '', edited.version);
      expect(restored.headline).toBe('As imported');
    });

    it('refuses an actor that is not one', async () => {
      await expect(
        store().articles.create(draftInput({ slug: 'who' }), { actor: { tokenId: 'not-a-uuid', name: '' } }),
      ).rejects.toThrow();
      expect(await store().articleCount()).toBe(0);
    });
  });
}
