import {
  type Actor,
  type Article,
  type CreateArticleInput,
  type DeskStoryListQueryInput,
  DeskStorySchema,
  encodeCursor,
  encodeSearchCursor,
} from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at, draftInput, importInput, textBody } from './contract-fixtures.js';

const writer: Actor = { tokenId: null, name: 'Bea Reporter' };
const editor: Actor = { tokenId: '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6', name: 'Desk editor' };

/** The desk's story list: every status, newest-updated first. Part of describeStoreContract. */
export function describeDeskListContract(store: () => Store): void {
  describe('the desk’s story list', () => {
    const slugsOf = async (query: DeskStoryListQueryInput = {}) =>
      (await store().articles.deskList({ limit: 100, ...query })).items.map((story) => story.slug);

    /** A draft created at `minute`, saved by the writer. */
    const draft = (slug: string, minute: number, fields: Partial<CreateArticleInput> = {}) =>
      store().articles.create(draftInput({ slug, ...fields }), { now: at(minute), actor: writer });

    /** One story in each desk status, the newest-updated last: archived, published, scheduled, in review, draft. */
    async function oneOfEach() {
      const archived = await draft('archived', 0, { sectionSlug: 'culture' });
      await store().articles.setStatus(archived.id, 1, 'archived', { now: at(1), actor: editor });
      const published = await draft('published', 2, { sectionSlug: 'world', authorSlugs: ['al', 'bea'] });
      await store().articles.setStatus(published.id, 1, 'published', { now: at(3), actor: editor });
      const scheduled = await draft('scheduled', 4, { sectionSlug: 'world', authorSlugs: ['al'] });
      await store().articles.setStatus(scheduled.id, 1, 'scheduled', {
        now: at(5),
        scheduledFor: at(600).toISOString(),
        actor: editor,
      });
      const inReview = await draft('in-review', 6, { sectionSlug: 'culture', authorSlugs: ['bea'] });
      // A review request keeps updatedAt, so this story stays where its last save put it.
      await store().articles.requestReview(inReview.id, 1, { now: at(20), actor: writer });
      await draft('plain-draft', 7, { authorSlugs: ['bea'] });
    }

    it('lists every status, newest-updated first, each row with the desk’s status for it', async () => {
      await oneOfEach();
      const page = await store().articles.deskList({});
      expect(page.nextCursor).toBeNull();
      expect(page.items.map((story) => [story.slug, story.status])).toEqual([
        ['plain-draft', 'draft'],
        ['in-review', 'in-review'],
        ['scheduled', 'scheduled'],
        ['published', 'published'],
        ['archived', 'archived'],
      ]);
      for (const story of page.items) expect(DeskStorySchema.parse(story)).toEqual(story);
    });

    it('tells drafts waiting for review from other drafts, and combines statuses', async () => {
      await oneOfEach();
      expect(await slugsOf({ statuses: ['draft'] })).toEqual(['plain-draft']);
      expect(await slugsOf({ statuses: ['in-review'] })).toEqual(['in-review']);
      expect(await slugsOf({ statuses: ['in-review', 'draft'] })).toEqual(['plain-draft', 'in-review']);
      expect(await slugsOf({ statuses: ['archived', 'scheduled'] })).toEqual(['scheduled', 'archived']);
      expect(await slugsOf({ statuses: ['published'] })).toEqual(['published']);
      expect(
        await slugsOf({ statuses: ['draft', 'in-review', 'scheduled', 'published', 'archived'] }),
      ).toEqual(await slugsOf({}));
    });

    it('gives each row its byline in order, section, times, version and review request', async () => {
      await oneOfEach();
      const rows = new Map((await store().articles.deskList({})).items.map((story) => [story.slug, story]));
      expect(rows.get('published')).toMatchObject({
        headline: 'A headline',
        section: { slug: 'world', name: 'World' },
        authors: [
          { slug: 'al', name: 'Al Writer' },
          { slug: 'bea', name: 'Bea Reporter' },
        ],
        version: 2,
        updatedAt: at(3).toISOString(),
        publishedAt: at(3).toISOString(),
        scheduledFor: null,
        reviewRequestedAt: null,
      });
      expect(rows.get('scheduled')).toMatchObject({ scheduledFor: at(600).toISOString(), publishedAt: null });
      expect(rows.get('in-review')).toMatchObject({
        reviewRequestedAt: at(20).toISOString(),
        updatedAt: at(6).toISOString(),
        version: 2,
      });
      expect(rows.get('plain-draft')).toMatchObject({ section: null, authors: [{ slug: 'bea' }] });
    });

    it('filters by section and by author, and needs every byline asked for', async () => {
      await oneOfEach();
      expect(await slugsOf({ section: 'world' })).toEqual(['scheduled', 'published']);
      expect(await slugsOf({ section: 'culture', statuses: ['in-review'] })).toEqual(['in-review']);
      expect(await slugsOf({ author: 'al' })).toEqual(['scheduled', 'published']);
      expect(await slugsOf({ bylineOf: 'bea' })).toEqual(['plain-draft', 'in-review', 'published']);
      expect(await slugsOf({ author: 'al', bylineOf: 'bea' })).toEqual(['published']);
      expect(await slugsOf({ author: 'bea', bylineOf: 'bea', statuses: ['draft'] })).toEqual(['plain-draft']);
      expect(await slugsOf({ author: 'nobody-here' })).toEqual([]);
      expect(await slugsOf({ section: 'world', author: 'bea', statuses: ['scheduled'] })).toEqual([]);
    });

    it('finds words in drafts and every other status, with search’s phrases and exclusions', async () => {
      await draft('harbour-draft', 0, {
        headline: 'Harbour cranes return',
        body: textBody('The old port hums again.'),
      });
      const toPublish = await draft('harbour-published', 1, {
        headline: 'A quiet morning',
        body: textBody('Black and white photographs of the harbour at dawn.'),
      });
      await store().articles.setStatus(toPublish.id, 1, 'published', { now: at(2) });
      const reviewed = await draft('harbour-review', 3, {
        headline: 'Markets',
        standfirst: 'Traders at the harbour.',
        body: textBody('Fish, nets and colour.'),
      });
      await store().articles.requestReview(reviewed.id, 1, { now: at(4) });
      await draft('elsewhere', 5, { headline: 'Inland rail', body: textBody('No sea here.') });

      expect(await slugsOf({ q: 'harbour' })).toEqual([
        'harbour-review',
        'harbour-published',
        'harbour-draft',
      ]);
      expect(await slugsOf({ q: 'HARBOUR', statuses: ['draft'] })).toEqual(['harbour-draft']);
      expect(await slugsOf({ q: 'harbour', statuses: ['in-review'] })).toEqual(['harbour-review']);
      expect(await slugsOf({ q: '"black and white"' })).toEqual(['harbour-published']);
      expect(await slugsOf({ q: '"white and black"' })).toEqual([]);
      expect(await slugsOf({ q: 'harbour -colour -cranes' })).toEqual(['harbour-published']);
      expect(await slugsOf({ q: 'harbour rail' })).toEqual([]);
      // What article.search would find among published stories, the desk finds too.
      const searched = await store().articles.search({ q: 'harbour dawn', limit: 20 });
      expect(searched.items.map((hit) => hit.slug)).toEqual(
        await slugsOf({ q: 'harbour dawn', statuses: ['published'] }),
      );
    });

    it('follows a story to the top of the list when it is saved again, ties going by id', async () => {
      const stories: Article[] = [];
      for (const slug of ['one', 'two', 'three', 'four']) stories.push(await draft(slug, 10));
      const byIdDescending = [...stories].sort((a, b) => (a.id < b.id ? 1 : -1)).map((a) => a.slug);
      expect(await slugsOf()).toEqual(byIdDescending);
      const [first] = stories;
      if (!first) throw new Error('no story');
      await store().articles.update({ id: first.id, version: 1, headline: 'Saved again' }, { now: at(11) });
      expect(await slugsOf()).toEqual(['one', ...byIdDescending.filter((slug) => slug !== 'one')]);
    });

    it('pages through every status without repeats or gaps while nothing changes', async () => {
      await oneOfEach();
      // Same-minute stories in several statuses, so pages break inside ties and across statuses.
      for (let i = 0; i < 7; i++) {
        const story = await draft(`tied-${i}`, 30);
        if (i % 3 === 1) await store().articles.setStatus(story.id, 1, 'published', { now: at(30) });
        if (i % 3 === 2) await store().articles.setStatus(story.id, 1, 'archived', { now: at(30) });
      }
      const whole = await slugsOf();
      expect(whole).toHaveLength(12);
      for (const query of [{}, { statuses: ['draft', 'published'] as const }, { author: 'bea' }]) {
        const expected = await slugsOf({ ...query, statuses: [...(query.statuses ?? [])] });
        for (const limit of [1, 2, 5]) {
          const { items, pages } = await allPages((cursor) =>
            store().articles.deskList({
              ...query,
              statuses: [...(query.statuses ?? [])],
              limit,
              ...(cursor ? { cursor } : {}),
            }),
          );
          expect(items.map((story) => story.slug)).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
        }
      }
      // Asking again from the same cursor gives the same page.
      const firstPage = await store().articles.deskList({ limit: 4 });
      const cursor = firstPage.nextCursor ?? '';
      const again = await store().articles.deskList({ limit: 4, cursor });
      expect((await store().articles.deskList({ limit: 4, cursor })).items).toEqual(again.items);
      expect(again.items.map((story) => story.slug)).toEqual(whole.slice(4, 8));
    });

    it('names who made the newest change, and nobody for a story never changed through the Store', async () => {
      const story = await draft('changed', 0);
      expect((await store().articles.deskList({})).items[0]?.lastChange).toEqual({
        at: at(0).toISOString(),
        by: 'Bea Reporter',
      });
      await store().articles.update(
        { id: story.id, version: 1, headline: 'Edited' },
        { now: at(5), actor: editor },
      );
      expect((await store().articles.deskList({})).items[0]?.lastChange).toEqual({
        at: at(5).toISOString(),
        by: 'Desk editor',
      });
      // A review request is a change too, though it keeps updatedAt.
      await store().articles.requestReview(story.id, 2, { now: at(9), actor: writer });
      const [row] = (await store().articles.deskList({})).items;
      expect(row?.lastChange).toEqual({ at: at(9).toISOString(), by: 'Bea Reporter' });
      expect(row?.updatedAt).toBe(at(5).toISOString());

      await store().articles.importMany([importInput({ slug: 'imported-finished' })]);
      const imported = (await store().articles.deskList({ statuses: ['published'] })).items;
      expect(imported.map((s) => [s.slug, s.lastChange])).toEqual([['imported-finished', null]]);
    });

    it('refuses input it cannot serve with InvalidInputError', async () => {
      const id = '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11';
      const refused = [
        { cursor: 'not-a-cursor' },
        { cursor: encodeSearchCursor({ rank: -1, id }) },
        { statuses: ['draft', 'draft'] },
        { statuses: ['pending'] },
        { q: 'x'.repeat(201) },
        { q: '-only' },
        { limit: 101 },
        { mine: true },
      ];
      for (const input of refused) {
        await expect(store().articles.deskList(input as DeskStoryListQueryInput)).rejects.toThrow(
          InvalidInputError,
        );
      }
      await draft('after-cursor', 0);
      const before = encodeCursor({ at: at(1).toISOString(), id });
      expect((await store().articles.deskList({ cursor: before })).items.map((s) => s.slug)).toEqual([
        'after-cursor',
      ]);
    });
  });
}
