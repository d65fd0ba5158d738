import { createHash } from 'node:crypto';
import type { Actor, NewsroomEvent } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { SlugTakenError, VersionConflictError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, importInput } from './contract-fixtures.js';

const editor: Actor = {
  tokenId: null,
  personId: '5f0c6a43-7b1e-4c2d-9a8f-3e6d1b2c4a5f',
  name: 'Ada Editor',
};
const token: Actor = { tokenId: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a', name: 'Wire importer' };

/** The outbox: each change's event, written with it. Part of describeStoreContract. */
export function describeEventContract(store: () => Store): void {
  describe('events', () => {
    /** The events recorded since `from` (an id from latestId), oldest first. */
    const since = async (from: string | null) => store().events.after(from, { limit: 100 });
    const summary = (events: NewsroomEvent[]) =>
      events.map((event) => [event.type, 'article' in event ? event.article.slug : null]);

    it("records each change of an article, in order, with who made it and the article's ids", async () => {
      const start = await store().events.latestId();
      const articles = store().articles;
      const created = await articles.create(
        draftInput({ headline: 'Storm hits coast', sectionSlug: 'world' }),
        {
          actor: editor,
          now: at(0),
        },
      );
      const renamed = await articles.update(
        { id: created.id, version: created.version, slug: 'storm-reaches-coast' },
        { actor: token, now: at(1) },
      );
      const submitted = await articles.requestReview(created.id, renamed.version, {
        actor: editor,
        now: at(2),
      });
      const published = await articles.setStatus(created.id, submitted.version, 'published', {
        actor: editor,
        now: at(3),
      });
      const corrected = await articles.addCorrection(created.id, published.version, 'The date was wrong.', {
        actor: editor,
        now: at(4),
      });
      const unpublished = await articles.setStatus(created.id, corrected.version, 'draft', { now: at(5) });
      const archived = await articles.setStatus(created.id, unpublished.version, 'archived', { now: at(6) });
      await articles.delete(created.id, archived.version, { actor: editor, now: at(7) });

      const events = await since(start);
      expect(summary(events)).toEqual([
        ['article.created', 'storm-hits-coast'],
        ['article.updated', 'storm-reaches-coast'],
        ['article.submitted', 'storm-reaches-coast'],
        ['article.published', 'storm-reaches-coast'],
        ['article.corrected', 'storm-reaches-coast'],
        ['article.unpublished', 'storm-reaches-coast'],
        ['article.archived', 'storm-reaches-coast'],
        ['article.deleted', 'storm-reaches-coast'],
      ]);
      const ids = events.map((event) => BigInt(event.id));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
      expect(events[0]).toMatchObject({
        at: at(0).toISOString(),
        actor: { kind: 'person', id: editor.personId, name: 'Ada Editor' },
        article: {
          id: created.id,
          slug: 'storm-hits-coast',
          status: 'draft',
          previousSlug: null,
          seenByReaders: false,
        },
        // A draft nobody reads touches nothing but its own answers.
        cacheKeys: [`article:${created.id}`, 'slug:storm-hits-coast'],
      });
      expect(events[1]).toMatchObject({
        actor: { kind: 'token', id: token.tokenId, name: 'Wire importer' },
        article: { slug: 'storm-reaches-coast', previousSlug: 'storm-hits-coast' },
      });
      expect(events[3]?.cacheKeys).toEqual(
        expect.arrayContaining(['section:world', 'front', 'feeds', `article:${created.id}`]),
      );
      expect(events[5]?.actor).toEqual({ kind: 'system', id: null, name: 'system' });
      // Readers saw it go: public streams tell its unpublication, and not its archiving.
      expect(
        events.map(
          (event) => 'article' in event && 'seenByReaders' in event.article && event.article.seenByReaders,
        ),
      ).toEqual([false, false, false, true, true, true, false, false]);
      expect(events[7]).toMatchObject({ article: { id: created.id, status: 'archived' } });
      expect(await store().events.latestId()).toBe(events.at(-1)?.id);
    });

    it('records nothing for a write that fails', async () => {
      const first = await store().articles.create(draftInput({ slug: 'taken' }), { now: at(0) });
      const start = await store().events.latestId();
      await expect(store().articles.create(draftInput({ slug: 'taken' }))).rejects.toBeInstanceOf(
        SlugTakenError,
      );
      await expect(
        store().articles.update({ id: first.id, version: first.version + 1, headline: 'Late' }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await expect(store().articles.delete(first.id, 99)).rejects.toBeInstanceOf(VersionConflictError);
      expect(await since(start)).toEqual([]);
      expect(await store().events.latestId()).toBe(start);
    });

    it('publishes scheduled stories as the system, and tells imported copy that arrives published', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'scheduled' }), { now: at(0) });
      await store().articles.setStatus(draft.id, draft.version, 'scheduled', {
        now: at(0),
        scheduledFor: at(10).toISOString(),
      });
      const start = await store().events.latestId();
      await store().articles.publishDue(at(11));
      await store().imports.importDraft(
        {
          origin: 'wire.xml',
          contentHash: 'a'.repeat(64),
          headline: 'Wire copy',
          body: [{ type: 'paragraph', text: 'Words.' }],
        },
        { now: at(12), status: 'published', actor: token },
      );
      expect(summary(await since(start))).toEqual([
        ['article.published', 'scheduled'],
        ['article.created', 'wire-copy'],
        ['article.published', 'wire-copy'],
      ]);
      const [due] = await since(start);
      expect(due?.actor).toEqual({ kind: 'system', id: null, name: 'system' });
    });

    it('records each article of a bulk import, as the system, with the lists a published one joins', async () => {
      const start = await store().events.latestId();
      await store().articles.importMany(
        [
          importInput({ slug: 'bulk-published', sectionSlug: 'world' }),
          importInput({ slug: 'bulk-draft', status: 'draft', publishedAt: null }),
        ],
        { now: at(2) },
      );
      const events = await since(start);
      expect(summary(events)).toEqual([
        ['article.published', 'bulk-published'],
        ['article.created', 'bulk-draft'],
      ]);
      const [published, draft] = events;
      const id = (await store().articles.bySlug('bulk-published'))?.id ?? '';
      expect(published).toMatchObject({
        at: at(2).toISOString(),
        actor: { kind: 'system', id: null, name: 'newsroom import' },
        article: { id, seenByReaders: true },
      });
      expect(published?.cacheKeys).toEqual(
        expect.arrayContaining([
          `article:${id}`,
          'slug:bulk-published',
          'section:world',
          'tag:climate',
          'front',
        ]),
      );
      expect(draft?.cacheKeys).not.toContain('front');
    });

    it('reads events in pages and by type, and prunes those past their time', async () => {
      const start = await store().events.latestId();
      for (let i = 0; i < 5; i++) {
        const article = await store().articles.create(draftInput({ slug: `page-${i}` }), { now: at(i) });
        if (i % 2 === 0)
          await store().articles.setStatus(article.id, article.version, 'published', { now: at(i) });
      }
      const firstPage = await store().events.after(start, { limit: 3 });
      const rest = await store().events.after(firstPage.at(-1)?.id ?? null, { limit: 100 });
      expect(firstPage).toHaveLength(3);
      expect(summary([...firstPage, ...rest])).toEqual(summary(await since(start)));
      expect(rest).toHaveLength(5);
      const published = await store().events.after(start, { limit: 100, types: ['article.published'] });
      expect(published.map((event) => event.type)).toEqual(Array(3).fill('article.published'));

      const kept = (await since(null)).length;
      expect(await store().events.prune(at(3))).toBeGreaterThanOrEqual(5);
      const left = await since(null);
      expect(left.length).toBeLessThan(kept);
      expect(left.every((event) => event.at >= at(3).toISOString())).toBe(true);
    });

    it("records readers' comments and each moderator's decision, touching the story's page only when readers see the comment", async () => {
      const draft = await store().articles.create(draftInput({ slug: 'commented' }), { now: at(0) });
      const story = await store().articles.setStatus(draft.id, draft.version, 'published', { now: at(0) });
      const start = await store().events.latestId();
      const comment = await store().comments.create(
        { articleId: story.id, displayName: 'Ines', body: 'Finally.' },
        { now: at(1) },
      );
      await store().comments.setStatus(comment.id, 'approved', { actor: editor, now: at(2) });
      await store().comments.setStatusMany([comment.id], 'approved', { actor: editor, now: at(3) });
      await store().comments.setStatusMany([comment.id, 'f'.repeat(8)], 'spam', {
        actor: editor,
        now: at(4),
      });
      const events = await since(start);
      expect(events.map((event) => [event.type, 'comment' in event ? event.comment.status : null])).toEqual([
        ['comment.created', 'pending'],
        ['comment.approved', 'approved'],
        // Approving it again changed nothing, so it told nothing.
        ['comment.rejected', 'spam'],
      ]);
      expect(events[0]).toMatchObject({
        actor: { kind: 'system', id: null, name: 'reader' },
        article: { id: story.id, slug: 'commented' },
        cacheKeys: [`comments:${story.id}`],
        seenByReaders: false,
      });
      expect(events[1]?.cacheKeys).toEqual([`comments:${story.id}`, `article:${story.id}`]);
      expect(events[1]?.actor).toMatchObject({ kind: 'person', id: editor.personId });
    });

    it('records each change of a section, tag or author, with every slug it touched', async () => {
      const start = await store().events.latestId();
      await store().tags.create(
        { slug: 'storms', name: 'Storms', description: null, type: 'topic' },
        { now: at(0) },
      );
      await store().tags.update('storms', { slug: 'weather' }, { actor: editor, now: at(1) });
      await store().tags.merge('weather', 'climate', { actor: editor, now: at(2) });
      await store().sections.update('culture', { name: 'Arts' }, { now: at(3) });
      await store().authors.delete('bea', { now: at(4) });
      const events = await since(start);
      expect(
        events.map((event) =>
          'slug' in event
            ? [event.type, event.change, event.slug, event.previousSlug, event.mergedInto]
            : null,
        ),
      ).toEqual([
        ['tag.changed', 'created', 'storms', null, null],
        ['tag.changed', 'updated', 'weather', 'storms', null],
        ['tag.changed', 'merged', 'weather', null, 'climate'],
        ['section.changed', 'updated', 'culture', null, null],
        ['author.changed', 'deleted', 'bea', null, null],
      ]);
      expect(events[1]?.cacheKeys).toEqual(expect.arrayContaining(['tag:weather', 'tag:storms', 'front']));
      expect(events[3]?.cacheKeys).toContain('navigation');
    });

    it('records desk accounts invited, changed, activated, suspended and reactivated, never what readers see', async () => {
      const start = await store().events.latestId();
      const person = await store().people.invite(
        { email: 'ana@example.com', name: 'Ana Reporter', role: 'author', authorSlug: null },
        { actor: editor, now: at(1) },
      );
      await store().people.update(person.id, { role: 'editor' }, { actor: editor });
      await store().people.setPasswordHash(person.id, 'hash-of-a-password');
      await store().people.update(person.id, { status: 'suspended' }, { actor: editor });
      await store().people.update(person.id, { status: 'active' }, { actor: editor });
      await store().people.update(person.id, {});
      const events = await since(start);
      expect(
        events.map((event) =>
          'person' in event ? [event.change, event.person.role, event.person.status] : null,
        ),
      ).toEqual([
        ['invited', 'author', 'invited'],
        ['updated', 'editor', 'invited'],
        ['activated', 'editor', 'active'],
        ['suspended', 'editor', 'suspended'],
        ['reactivated', 'editor', 'active'],
      ]);
      expect(events[0]).toMatchObject({
        type: 'person.changed',
        actor: { kind: 'person', name: 'Ada Editor' },
        cacheKeys: [],
      });
    });

    it('records pictures uploaded, described and deleted, and nothing for one kept again', async () => {
      const bytes = Buffer.from('a picture of the harbour');
      const picture = {
        hash: createHash('sha256').update(bytes).digest('hex'),
        bytes,
        format: 'jpeg' as const,
        width: 4,
        height: 3,
      };
      const start = await store().events.latestId();
      await store().media.put(picture, { uploadedBy: 'Ada Editor', actor: editor, now: at(0) });
      await store().media.put(picture, { uploadedBy: 'Ada Editor', actor: editor, now: at(1) });
      await store().media.update(picture.hash, { alt: 'The harbour' }, { actor: editor, now: at(2) });
      await store().media.delete(picture.hash, { actor: editor, now: at(3) });
      const events = await since(start);
      expect(events.map((event) => event.type)).toEqual(['media.uploaded', 'media.updated', 'media.deleted']);
      expect(events[0]).toMatchObject({
        media: { hash: picture.hash },
        cacheKeys: [`media:${picture.hash}`],
        actor: { kind: 'person', id: editor.personId },
      });
    });
  });
}
