import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError, SlugTakenError, StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, importInput, publish, slugsOf } from './contract-fixtures.js';

/** Editing sections, tags and authors. Part of describeStoreContract. */
export function describeTaxonomyContract(store: () => Store): void {
  describe('taxonomy editing', () => {
    const tagsOf = async (slug: string) =>
      (await store().articles.bySlug(slug, { status: 'any' }))?.tags.map((t) => t.slug);

    it('counts the published articles that carry each section, tag and author', async () => {
      await publish(
        store(),
        draftInput({ slug: 'p1', sectionSlug: 'world', tagSlugs: ['climate'], authorSlugs: ['al'] }),
        at(0),
      );
      await publish(
        store(),
        draftInput({
          slug: 'p2',
          sectionSlug: 'world',
          tagSlugs: ['climate', 'lisbon'],
          authorSlugs: ['al', 'bea'],
        }),
        at(1),
      );
      await store().articles.create(
        draftInput({ slug: 'd', sectionSlug: 'world', tagSlugs: ['climate'], authorSlugs: ['al'] }),
      );
      const counts = (items: { slug: string; articleCount: number }[]) =>
        Object.fromEntries(items.map((i) => [i.slug, i.articleCount]));
      expect(counts(await store().sections.list())).toEqual({ world: 2, culture: 0 });
      expect(counts(await store().tags.list())).toEqual({ climate: 2, lisbon: 1 });
      expect(counts(await store().authors.list())).toEqual({ al: 2, bea: 1 });
      expect((await store().tags.bySlug('lisbon'))?.articleCount).toBe(1);
      expect((await store().sections.bySlug('culture'))?.articleCount).toBe(0);
    });

    it('keeps counts and tag and author pages right through every kind of change', async () => {
      const s = store();
      await s.tags.upsert({ slug: 'oceans', name: 'Oceans', description: null, type: 'topic' });
      const one = await publish(
        s,
        draftInput({ slug: 'one', sectionSlug: 'world', tagSlugs: ['climate'], authorSlugs: ['al'] }),
        at(0),
      );
      const two = await publish(
        s,
        draftInput({
          slug: 'two',
          sectionSlug: 'world',
          tagSlugs: ['climate', 'lisbon'],
          authorSlugs: ['bea'],
        }),
        at(1),
      );
      const three = await publish(
        s,
        draftInput({
          slug: 'three',
          sectionSlug: 'culture',
          tagSlugs: ['lisbon'],
          authorSlugs: ['al', 'bea'],
        }),
        at(2),
      );
      await s.articles.importMany([
        importInput({
          slug: 'imported',
          tagSlugs: ['climate', 'oceans'],
          authorSlugs: ['al'],
          sectionSlug: 'culture',
          createdAt: at(3).toISOString(),
          publishedAt: at(3).toISOString(),
        }),
      ]);

      /** Every count must equal what the pages list, which is read another way. */
      async function expectConsistent() {
        for (const tag of await s.tags.list()) {
          const listed = await slugsOf(s.articles.list({ tag: tag.slug, limit: 100 }));
          expect(tag.articleCount, `tag ${tag.slug}`).toBe(listed.length);
          // Listed means published now, as the articles themselves say.
          for (const slug of listed) expect(await s.articles.bySlug(slug), slug).not.toBeNull();
        }
        for (const author of await s.authors.list()) {
          const listed = await slugsOf(s.articles.list({ author: author.slug, limit: 100 }));
          expect(author.articleCount, `author ${author.slug}`).toBe(listed.length);
        }
        for (const section of await s.sections.list()) {
          const listed = await slugsOf(s.articles.list({ section: section.slug, limit: 100 }));
          expect(section.articleCount, `section ${section.slug}`).toBe(listed.length);
        }
      }
      await expectConsistent();
      expect(await slugsOf(s.articles.list({ tag: 'climate', limit: 10 }))).toEqual([
        'imported',
        'two',
        'one',
      ]);
      expect(await slugsOf(s.articles.list({ author: 'al', limit: 10 }))).toEqual([
        'imported',
        'three',
        'one',
      ]);

      // Unpublish, retag, move section, change byline, delete, rename, merge: after each, consistent.
      const twoDraft = await s.articles.setStatus(two.id, two.version, 'draft');
      expect((await s.tags.bySlug('lisbon'))?.articleCount).toBe(1);
      await expectConsistent();
      await s.articles.update({
        id: one.id,
        version: one.version,
        tagSlugs: ['oceans', 'lisbon'],
        sectionSlug: 'culture',
        authorSlugs: ['bea'],
      });
      await expectConsistent();
      await s.articles.setStatus(twoDraft.id, twoDraft.version, 'published');
      await expectConsistent();
      await s.articles.delete(three.id, three.version);
      await expectConsistent();
      await s.tags.update('lisbon', { slug: 'lisboa' });
      await s.authors.update('al', { slug: 'al-writer' });
      await s.sections.update('culture', { slug: 'arts' });
      await expectConsistent();
      await s.tags.merge('oceans', 'climate');
      await expectConsistent();
      await s.tags.delete('lisboa');
      await s.authors.delete('bea');
      await s.sections.delete('arts');
      await expectConsistent();
      expect(await s.tags.list()).toEqual([expect.objectContaining({ slug: 'climate', articleCount: 3 })]);
      // A page of one tag, deeper than the first, by cursor.
      const first = await s.articles.list({ tag: 'climate', limit: 2 });
      const next = await s.articles.list({ tag: 'climate', limit: 2, cursor: first.nextCursor ?? '' });
      expect([...first.items, ...next.items].map((a) => a.slug)).toEqual(['imported', 'two', 'one']);
      expect(next.nextCursor).toBeNull();
    });

    it('creates new items only under free slugs, and checks them', async () => {
      const tag = await store().tags.create({
        slug: 'oceans',
        name: 'Oceans',
        description: null,
        type: 'topic',
      });
      expect(tag).toEqual({ slug: 'oceans', name: 'Oceans', description: null, type: 'topic' });
      expect(await store().tags.bySlug('oceans')).toEqual({ ...tag, articleCount: 0 });
      await expect(
        store().tags.create({ slug: 'climate', name: 'Again', description: null, type: 'topic' }),
      ).rejects.toThrow(SlugTakenError);
      await expect(
        store().sections.create({ slug: 'world', name: 'Again', description: null, order: 3 }),
      ).rejects.toThrow(SlugTakenError);
      await expect(
        store().authors.create({ slug: 'al', name: 'Again', bio: null, avatar: null }),
      ).rejects.toThrow(SlugTakenError);
      await expect(
        store().sections.create({ slug: 'Not A Slug', name: 'Bad', description: null, order: 0 }),
      ).rejects.toThrow();
      expect((await store().tags.bySlug('climate'))?.name).toBe('Climate');
    });

    it('changes fields in place; articles show the change', async () => {
      await publish(store(), draftInput({ slug: 'a', sectionSlug: 'world', authorSlugs: ['al'] }), at(0));
      const section = await store().sections.update('world', { name: 'The World', order: 5 });
      expect(section).toEqual({ slug: 'world', name: 'The World', description: null, order: 5 });
      const author = await store().authors.update('al', { bio: 'Writes about weather.' });
      expect(author).toMatchObject({ slug: 'al', name: 'Al Writer', bio: 'Writes about weather.' });
      expect(await store().articles.bySlug('a')).toMatchObject({
        section: { slug: 'world', name: 'The World' },
        authors: [{ slug: 'al', name: 'Al Writer' }],
      });
      expect((await store().sections.list()).map((s) => s.slug)).toEqual(['culture', 'world']);
      await expect(store().tags.update('climate', { name: '' })).rejects.toThrow();
      expect((await store().tags.bySlug('climate'))?.name).toBe('Climate');
    });

    it('moves every reference when a slug changes', async () => {
      await publish(
        store(),
        draftInput({
          slug: 'a',
          sectionSlug: 'world',
          tagSlugs: ['lisbon', 'climate'],
          authorSlugs: ['bea', 'al'],
        }),
        at(0),
      );
      const { principal } = await store().tokens.create({
        name: 'Al’s laptop',
        role: 'author',
        authorSlug: 'al',
      });
      const { token } = await store().tokens.create({ name: 'Al’s phone', role: 'author', authorSlug: 'al' });

      expect(
        await store().tags.update('climate', { slug: 'climate-crisis', name: 'Climate crisis' }),
      ).toMatchObject({
        slug: 'climate-crisis',
        name: 'Climate crisis',
      });
      await store().sections.update('world', { slug: 'international' });
      await store().authors.update('al', { slug: 'alice' });

      expect(await store().articles.bySlug('a')).toMatchObject({
        section: { slug: 'international', name: 'World' },
        tags: [{ slug: 'lisbon' }, { slug: 'climate-crisis', name: 'Climate crisis' }],
        authors: [{ slug: 'bea' }, { slug: 'alice' }],
      });
      expect(await slugsOf(store().articles.list({ limit: 5, tag: 'climate-crisis' }))).toEqual(['a']);
      expect(await slugsOf(store().articles.list({ limit: 5, section: 'international' }))).toEqual(['a']);
      expect(await slugsOf(store().articles.list({ limit: 5, author: 'alice' }))).toEqual(['a']);
      expect(await slugsOf(store().articles.list({ limit: 5, tag: 'climate' }))).toEqual([]);
      expect(await store().tags.bySlug('climate')).toBeNull();
      expect((await store().tags.bySlug('climate-crisis'))?.articleCount).toBe(1);
      expect((await store().tokens.resolve(token))?.authorSlug).toBe('alice');
      expect(principal.authorSlug).toBe('al');
    });

    it('refuses a slug change to a slug in use, and an unknown item', async () => {
      await expect(store().tags.update('climate', { slug: 'lisbon' })).rejects.toThrow(SlugTakenError);
      await expect(store().tags.update('nope', { name: 'X' })).rejects.toThrow(NotFoundError);
      await expect(store().sections.update('nope', { name: 'X' })).rejects.toThrow(NotFoundError);
      await expect(store().authors.update('nope', { name: 'X' })).rejects.toThrow(NotFoundError);
      expect((await store().tags.list()).map((t) => t.slug)).toEqual(['climate', 'lisbon']);
    });

    it('deletes a tag or an author from every article, keeping the others in order', async () => {
      await store().tags.upsert({ slug: 'porto', name: 'Porto', description: null, type: 'place' });
      await publish(
        store(),
        draftInput({ slug: 'a', tagSlugs: ['climate', 'lisbon', 'porto'], authorSlugs: ['al', 'bea'] }),
        at(0),
      );
      await store().tags.delete('climate');
      await store().authors.delete('al');
      expect(await tagsOf('a')).toEqual(['lisbon', 'porto']);
      expect((await store().articles.bySlug('a'))?.authors.map((a) => a.slug)).toEqual(['bea']);
      expect(await store().tags.bySlug('climate')).toBeNull();
      expect(await store().authors.bySlug('al')).toBeNull();
      await expect(store().tags.delete('climate')).rejects.toThrow(NotFoundError);
    });

    it('deletes a section, leaving its articles without one', async () => {
      await publish(store(), draftInput({ slug: 'a', sectionSlug: 'culture' }), at(0));
      await store().sections.delete('culture');
      expect((await store().articles.bySlug('a'))?.section).toBeNull();
      expect((await store().sections.list()).map((s) => s.slug)).toEqual(['world']);
      await expect(store().sections.delete('culture')).rejects.toThrow(NotFoundError);
    });

    it('keeps an author’s tokens working, for no author, once the author is deleted', async () => {
      const { token } = await store().tokens.create({ name: 'Al', role: 'author', authorSlug: 'al' });
      await store().authors.delete('al');
      expect(await store().tokens.resolve(token)).toMatchObject({ name: 'Al', authorSlug: null });
    });

    it('merges a tag into another, keeping each article’s order and never a tag twice', async () => {
      await store().tags.upsert({ slug: 'warming', name: 'Warming', description: null, type: 'topic' });
      await store().tags.upsert({ slug: 'porto', name: 'Porto', description: null, type: 'place' });
      await publish(store(), draftInput({ slug: 'only-from', tagSlugs: ['warming', 'porto'] }), at(0));
      await publish(
        store(),
        draftInput({ slug: 'from-first', tagSlugs: ['warming', 'porto', 'climate'] }),
        at(1),
      );
      await publish(
        store(),
        draftInput({ slug: 'into-first', tagSlugs: ['porto', 'climate', 'warming'] }),
        at(2),
      );
      await store().articles.create(draftInput({ slug: 'draft', tagSlugs: ['warming'] }));

      const merged = await store().tags.merge('warming', 'climate');
      expect(merged).toEqual({
        slug: 'climate',
        name: 'Climate',
        description: null,
        type: 'topic',
        articleCount: 3,
      });
      expect(await tagsOf('only-from')).toEqual(['climate', 'porto']);
      expect(await tagsOf('from-first')).toEqual(['climate', 'porto']);
      expect(await tagsOf('into-first')).toEqual(['porto', 'climate']);
      expect(await tagsOf('draft')).toEqual(['climate']);
      expect(await store().tags.bySlug('warming')).toBeNull();
      expect(await store().redirects.lookup('tag', 'warming')).toBe('climate');
    });

    it('merges a section into another: its articles change section, its slug redirects', async () => {
      await store().sections.upsert({ slug: 'arts', name: 'Arts', description: null, order: 2 });
      await publish(store(), draftInput({ slug: 'in-culture', sectionSlug: 'culture' }), at(0));
      await publish(store(), draftInput({ slug: 'in-arts', sectionSlug: 'arts' }), at(1));
      const draft = await store().articles.create(
        draftInput({ slug: 'draft-culture', sectionSlug: 'culture' }),
      );
      const merged = await store().sections.merge('culture', 'arts');
      expect(merged).toEqual({ slug: 'arts', name: 'Arts', description: null, order: 2, articleCount: 2 });
      expect((await store().articles.bySlug('in-culture'))?.section).toEqual({ slug: 'arts', name: 'Arts' });
      expect((await store().articles.byId(draft.id))?.section?.slug).toBe('arts');
      expect(await slugsOf(store().articles.list({ limit: 5, section: 'arts' }))).toEqual([
        'in-arts',
        'in-culture',
      ]);
      expect(await store().sections.bySlug('culture')).toBeNull();
      expect(await store().redirects.lookup('section', 'culture')).toBe('arts');
      // Taxonomy edits leave the articles' versions alone.
      expect((await store().articles.byId(draft.id))?.version).toBe(draft.version);
    });

    it('merges an author into another: bylines keep their order, tokens and people follow, the slug redirects', async () => {
      await store().authors.upsert({ slug: 'al-w', name: 'Al W.', bio: null, avatar: null });
      await publish(store(), draftInput({ slug: 'only-old', authorSlugs: ['al-w', 'bea'] }), at(0));
      await publish(store(), draftInput({ slug: 'old-first', authorSlugs: ['al-w', 'bea', 'al'] }), at(1));
      await publish(store(), draftInput({ slug: 'new-first', authorSlugs: ['al', 'al-w'] }), at(2));
      const { token } = await store().tokens.create({
        name: 'Al’s laptop',
        role: 'author',
        authorSlug: 'al-w',
      });
      const person = await store().people.invite({
        email: 'al@example.com',
        name: 'Al',
        role: 'author',
        authorSlug: 'al-w',
      });

      const merged = await store().authors.merge('al-w', 'al');
      expect(merged).toEqual({ slug: 'al', name: 'Al Writer', bio: null, avatar: null, articleCount: 3 });
      const bylineOf = async (slug: string) =>
        (await store().articles.bySlug(slug))?.authors.map((a) => a.slug);
      expect(await bylineOf('only-old')).toEqual(['al', 'bea']);
      expect(await bylineOf('old-first')).toEqual(['al', 'bea']);
      expect(await bylineOf('new-first')).toEqual(['al']);
      expect((await store().authors.bySlug('bea'))?.articleCount).toBe(2);
      expect(await store().authors.bySlug('al-w')).toBeNull();
      expect(await store().redirects.lookup('author', 'al-w')).toBe('al');
      expect((await store().tokens.resolve(token))?.authorSlug).toBe('al');
      expect((await store().people.byId(person.id))?.authorSlug).toBe('al');
    });

    it('keeps a person’s byline when their author is renamed', async () => {
      const person = await store().people.invite({
        email: 'bea@example.com',
        name: 'Bea',
        role: 'author',
        authorSlug: 'bea',
      });
      await store().authors.update('bea', { slug: 'bea-reporter' });
      expect((await store().people.byId(person.id))?.authorSlug).toBe('bea-reporter');
      await store().authors.delete('bea-reporter');
      expect((await store().people.byId(person.id))?.authorSlug).toBeNull();
    });

    it('refuses to merge a section or an author into itself or with an unknown one', async () => {
      await expect(store().sections.merge('world', 'world')).rejects.toThrow(InvalidInputError);
      await expect(store().sections.merge('world', 'nope')).rejects.toThrow(NotFoundError);
      await expect(store().authors.merge('nope', 'al')).rejects.toThrow(NotFoundError);
      await expect(store().authors.merge('al', 'al')).rejects.toThrow(InvalidInputError);
      expect((await store().sections.list()).map((s) => s.slug)).toEqual(['world', 'culture']);
      expect((await store().authors.list()).map((a) => a.slug)).toEqual(['al', 'bea']);
    });

    it('refuses to merge a tag into itself or with an unknown tag', async () => {
      await expect(store().tags.merge('climate', 'climate')).rejects.toThrow(StoreError);
      await expect(store().tags.merge('climate', 'nope')).rejects.toThrow(NotFoundError);
      await expect(store().tags.merge('nope', 'climate')).rejects.toThrow(NotFoundError);
      expect((await store().tags.list()).map((t) => t.slug)).toEqual(['climate', 'lisbon']);
    });
  });
}
