import type { CreateArticleInput } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { MissingReferenceError, NotFoundError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, publish, unknownId } from './contract-fixtures.js';

/** Related stories: editors' picks, then automatic ones. Part of describeStoreContract. */
export function describeRelatedContract(store: () => Store): void {
  describe('related stories', () => {
    const published = (slug: string, minute: number, fields: Partial<CreateArticleInput> = {}) =>
      publish(store(), draftInput({ slug, ...fields }), at(minute));

    /** The main story and its neighbourhood; see each line for what it shares with `main`. */
    async function givenNeighbourhood() {
      await published('pick-one', 10, { sectionSlug: 'culture' }); // nothing in common, but picked
      await published('pick-two', 20, { sectionSlug: 'culture' }); // nothing in common, but picked
      await store().articles.create(
        draftInput({ slug: 'draft-pick', sectionSlug: 'world', tagSlugs: ['climate'] }),
      );
      await published('same-primary-tag-and-section', 90, { sectionSlug: 'world', tagSlugs: ['climate'] });
      await published('same-section', 95, { sectionSlug: 'world' });
      await published('shares-second-tag', 80, { sectionSlug: 'culture', tagSlugs: ['lisbon'] });
      await published('nothing-shared', 99, { sectionSlug: 'culture' });
      const archived = await published('archived-twin', 98, {
        sectionSlug: 'world',
        tagSlugs: ['climate', 'lisbon'],
      });
      await store().articles.setStatus(archived.id, archived.version, 'archived');
      return published('main', 100, {
        sectionSlug: 'world',
        tagSlugs: ['climate', 'lisbon'],
        relatedSlugs: ['pick-two', 'draft-pick', 'main', 'pick-one'],
      });
    }

    it("puts the editor's published picks first, in order, then the best by relatedness", async () => {
      const main = await givenNeighbourhood();
      // The article's own slug among its picks is left out when saved.
      expect(main.relatedSlugs).toEqual(['pick-two', 'draft-pick', 'pick-one']);
      const related = await store().articles.related(main.id, 10);
      expect(related.map((a) => a.slug)).toEqual([
        'pick-two',
        'pick-one',
        'same-primary-tag-and-section',
        'shares-second-tag',
        'same-section',
      ]);
      expect(related[0]).toMatchObject({ status: 'published', section: { slug: 'culture' } });
      expect(related[0]).not.toHaveProperty('body');
      expect((await store().articles.related(main.id, 1)).map((a) => a.slug)).toEqual(['pick-two']);
      expect((await store().articles.related(main.id, 3)).map((a) => a.slug)).toEqual([
        'pick-two',
        'pick-one',
        'same-primary-tag-and-section',
      ]);
      expect(await store().articles.related(main.id, 0)).toEqual([]);
    });

    it('finds related stories without picks, and none for an article that shares nothing', async () => {
      await published('a', 1, { sectionSlug: 'world', tagSlugs: ['climate'] });
      const b = await published('b', 2, { sectionSlug: 'world', tagSlugs: ['climate'] });
      const loner = await published('loner', 3);
      expect((await store().articles.related(b.id, 5)).map((a) => a.slug)).toEqual(['a']);
      expect(await store().articles.related(loner.id, 5)).toEqual([]);
    });

    it('follows a picked story to its new slug, and skips one unpublished later', async () => {
      const main = await givenNeighbourhood();
      const pickOne = await store().articles.bySlug('pick-one');
      await store().articles.update({
        id: pickOne?.id ?? '',
        version: pickOne?.version ?? 0,
        slug: 'pick-one-renamed',
      });
      const pickTwo = await store().articles.bySlug('pick-two');
      await store().articles.setStatus(pickTwo?.id ?? '', pickTwo?.version ?? 0, 'draft');
      const related = await store().articles.related(main.id, 2);
      expect(related.map((a) => a.slug)).toEqual(['pick-one-renamed', 'same-primary-tag-and-section']);
    });

    it('is only for published articles', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'draft', sectionSlug: 'world' }));
      await expect(store().articles.related(draft.id, 5)).rejects.toThrow(NotFoundError);
      await expect(store().articles.related(unknownId, 5)).rejects.toThrow(NotFoundError);
    });

    it('refuses picks that name no article, and keeps the picks as written', async () => {
      await published('existing', 1);
      await expect(
        store().articles.create(draftInput({ slug: 'x', relatedSlugs: ['no-such-story'] })),
      ).rejects.toThrow(MissingReferenceError);
      const created = await store().articles.create(draftInput({ slug: 'y', relatedSlugs: ['existing'] }));
      expect(created.relatedSlugs).toEqual(['existing']);
      await expect(
        store().articles.update({ id: created.id, version: 1, relatedSlugs: ['existing', 'missing-one'] }),
      ).rejects.toThrow(/"missing-one"/);
      expect((await store().articles.byId(created.id))?.relatedSlugs).toEqual(['existing']);
    });

    it('lets an editor save again when a picked story has since been deleted or renamed', async () => {
      const gone = await published('gone', 1);
      await published('moved', 2);
      const article = await store().articles.create(
        draftInput({ slug: 'z', relatedSlugs: ['gone', 'moved'] }),
      );
      await store().articles.delete(gone.id, gone.version);
      const moved = await store().articles.bySlug('moved');
      await store().articles.update({ id: moved?.id ?? '', version: moved?.version ?? 0, slug: 'moved-on' });
      // The editor's form sends the picks back as it read them.
      const saved = await store().articles.update({
        id: article.id,
        version: 1,
        headline: 'Edited',
        relatedSlugs: ['gone', 'moved'],
      });
      expect(saved.relatedSlugs).toEqual(['gone', 'moved-on']);
    });
  });
}
