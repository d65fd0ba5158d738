import {
  type Article,
  ArticleSchema,
  ArticleSummarySchema,
  type Block,
  limits,
  PrincipalSchema,
  readingTimeMinutes,
  wordCountOf,
} from '@newsroom/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidTransitionError,
  MissingReferenceError,
  NotFoundError,
  SlugTakenError,
  StoreError,
  VersionConflictError,
} from '../errors.js';
import type { Store } from '../store.js';
import { describeAuditContract } from './contract-audit.js';
import { describeChangeFeedContract } from './contract-changes.js';
import { describeCommentContract } from './contract-comments.js';
import { describeDeskListContract } from './contract-desk-list.js';
import { describeEditorialContract } from './contract-editorial.js';
import { describeEventContract } from './contract-events.js';
import {
  at,
  day2025,
  draftInput,
  everyBlock,
  everyField,
  givenTaxonomy,
  importInput,
  publish,
  slugsOf,
} from './contract-fixtures.js';
import { describeImportContract } from './contract-imports.js';
import { describeMediaContract } from './contract-media.js';
import { describePeopleContract } from './contract-people.js';
import { describePreviewContract } from './contract-previews.js';
import { describeRateLimitContract } from './contract-rate-limits.js';
import { describeRedirectContract } from './contract-redirects.js';
import { describeRelatedContract } from './contract-related.js';
import { describeRevisionContract } from './contract-revisions.js';
import { describeSearchContract } from './contract-search.js';
import { describeSessionContract } from './contract-sessions.js';
import { describeTaxonomyContract } from './contract-taxonomy.js';
import { describeTokenContract } from './contract-tokens.js';
import { describeWebhookContract } from './contract-webhooks.js';
import { raceOf, type StoreSessions } from './store-sessions.js';

export type { StoreSessions } from './store-sessions.js';

/**
 * The behaviour every Store backend must show, as vitest tests. A backend's test file calls
 * this with a function that opens a new, empty, migrated Store, and says how that Store runs
 * calls made at the same moment (`sessions`, see StoreSessions); each test gets its own Store
 * (with the sections, tags and authors of givenTaxonomy). The parts in ./contract-*.ts receive
 * a function that returns the current test's Store.
 * Imports vitest: only test code should import this module.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  { sessions }: { sessions: StoreSessions },
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await givenTaxonomy(store);
    });
    afterEach(async () => {
      await store.close();
    });
    const current = () => store;

    describe('writing and reading an article', () => {
      it('keeps every field and every block type as written, and derives the figures from the body', async () => {
        const now = at(0);
        const created = await store.articles.create(draftInput({ ...everyField, slug: 'every-block' }), {
          now,
        });

        expect(ArticleSchema.parse(created)).toEqual(created);
        expect(created).toMatchObject({
          slug: 'every-block',
          headline: everyField.headline,
          standfirst: everyField.standfirst,
          body: everyBlock,
          heroImage: everyField.heroImage,
          dateline: 'LISBON',
          sources: [{ name: 'AP', type: 'wire', url: null }],
          canonicalUrl: 'https://example.org/original',
          seoTitle: 'SEO title',
          seoDescription: 'SEO description',
          language: 'pt-BR',
          status: 'draft',
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          publishedAt: null,
          scheduledFor: null,
          corrections: [],
          relatedSlugs: [],
          commentPolicy: 'moderated',
          reviewRequestedAt: null,
          section: { slug: 'world', name: 'World' },
          authors: [
            { slug: 'bea', name: 'Bea Reporter' },
            { slug: 'al', name: 'Al Writer' },
          ],
          tags: [
            { slug: 'climate', name: 'Climate', type: 'topic' },
            { slug: 'lisbon', name: 'Lisbon', type: 'place' },
          ],
        });
        expect(created.wordCount).toBe(wordCountOf(everyBlock));
        expect(created.readingTimeMinutes).toBe(readingTimeMinutes(everyBlock, 1));

        expect(await store.articles.byId(created.id)).toEqual(created);
        expect(await store.articles.bySlug('every-block', { status: 'any' })).toEqual(created);
        expect(await store.articles.bySlug('every-block', { status: 'draft' })).toEqual(created);
      });

      it('makes the slug from the headline when none is given', async () => {
        const created = await store.articles.create(draftInput({ headline: 'Ça va? Zürich’s “new” plan' }));
        expect(created.slug).toBe('ca-va-zurichs-new-plan');
      });

      it('refuses a slug that is taken, and creates nothing', async () => {
        await store.articles.create(draftInput({ slug: 'same' }));
        await expect(store.articles.create(draftInput({ slug: 'same', headline: 'Other' }))).rejects.toThrow(
          SlugTakenError,
        );
        expect(await store.articleCount()).toBe(1);
      });

      it('refuses unknown sections, tags and authors, naming each, and creates nothing', async () => {
        const error = await store.articles
          .create(
            draftInput({
              sectionSlug: 'nowhere',
              tagSlugs: ['climate', 'no-such-tag'],
              authorSlugs: ['ghost'],
            }),
          )
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MissingReferenceError);
        expect((error as Error).message).toContain('"nowhere"');
        expect((error as Error).message).toContain('"no-such-tag"');
        expect((error as Error).message).toContain('"ghost"');
        expect((error as Error).message).not.toContain('"climate"');
        expect(await store.articleCount()).toBe(0);
      });

      it('finds nothing for an unknown slug or id', async () => {
        expect(await store.articles.bySlug('nothing-here', { status: 'any' })).toBeNull();
        expect(await store.articles.byId('00000000-0000-4000-8000-000000000000')).toBeNull();
      });
    });

    describe('who sees what', () => {
      it('keeps drafts, scheduled and archived articles out of the default list and bySlug', async () => {
        const live = await publish(store, draftInput({ slug: 'live' }), at(10));
        const draft = await store.articles.create(draftInput({ slug: 'still-draft' }), { now: at(20) });
        const gone = await publish(store, draftInput({ slug: 'gone' }), at(5));
        await store.articles.setStatus(gone.id, gone.version, 'archived', { now: at(30) });

        expect(await slugsOf(store.articles.list({ limit: 20 }))).toEqual(['live']);
        expect(await store.articles.bySlug('still-draft')).toBeNull();
        expect(await store.articles.bySlug('gone')).toBeNull();
        expect((await store.articles.bySlug('live'))?.id).toBe(live.id);

        expect(await slugsOf(store.articles.list({ limit: 20, status: 'draft' }))).toEqual(['still-draft']);
        expect(await slugsOf(store.articles.list({ limit: 20, status: 'archived' }))).toEqual(['gone']);
        expect((await store.articles.bySlug('still-draft', { status: 'any' }))?.id).toBe(draft.id);
      });
    });

    describe('listing', () => {
      it('walks every published article exactly once, newest first, ties broken by id', async () => {
        const expected: { id: string; publishedAt: string }[] = [];
        for (let i = 0; i < 23; i++) {
          // Every third pair shares a publication time: the cursor must not skip or repeat them.
          const article = await publish(
            store,
            draftInput({ slug: `story-${i}` }),
            at(Math.floor(i / 2) * 60),
          );
          expected.push({ id: article.id, publishedAt: article.publishedAt ?? '' });
          if (i % 5 === 0)
            await store.articles.create(draftInput({ slug: `draft-${i}` }), { now: at(i * 60 + 1) });
        }
        expected.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id));

        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.articles.list({ limit: 5, ...(cursor ? { cursor } : {}) });
          pages += 1;
          expect(page.items.length).toBeLessThanOrEqual(5);
          for (const item of page.items) expect(ArticleSummarySchema.parse(item)).toEqual(item);
          seen.push(...page.items.map((a) => a.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor && pages < 20);

        expect(seen).toEqual(expected.map((a) => a.id));
        expect(new Set(seen).size).toBe(23);
        expect(pages).toBe(5);
      });

      it('has no next page after a last page that is exactly full', async () => {
        for (let i = 0; i < 4; i++) await publish(store, draftInput({ slug: `s-${i}` }), at(i));
        const first = await store.articles.list({ limit: 2 });
        expect(first.nextCursor).not.toBeNull();
        const second = await store.articles.list({ limit: 2, cursor: first.nextCursor ?? '' });
        expect(second.items).toHaveLength(2);
        expect(second.nextCursor).toBeNull();
      });

      it('returns at most `limit` items', async () => {
        for (let i = 0; i < 6; i++) await publish(store, draftInput({ slug: `s-${i}` }), at(i));
        expect((await store.articles.list({ limit: 1 })).items).toHaveLength(1);
        expect((await store.articles.list({ limit: 4 })).items).toHaveLength(4);
        expect((await store.articles.list({ limit: 100 })).items).toHaveLength(6);
      });

      it('refuses a cursor it did not make', async () => {
        await expect(store.articles.list({ limit: 5, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(
          StoreError,
        );
      });

      it('orders by publication time: an old draft published now comes first', async () => {
        const old = await store.articles.create(draftInput({ slug: 'old-draft' }), { now: at(0) });
        await publish(store, draftInput({ slug: 'middle' }), at(60));
        await store.articles.setStatus(old.id, old.version, 'published', { now: at(120) });
        expect(await slugsOf(store.articles.list({ limit: 5 }))).toEqual(['old-draft', 'middle']);
      });

      it('filters by section, tag and author', async () => {
        await publish(
          store,
          draftInput({ slug: 'a', sectionSlug: 'world', tagSlugs: ['climate'], authorSlugs: ['al'] }),
          at(1),
        );
        await publish(
          store,
          draftInput({ slug: 'b', sectionSlug: 'culture', tagSlugs: ['lisbon', 'climate'] }),
          at(2),
        );
        await publish(
          store,
          draftInput({ slug: 'c', sectionSlug: 'culture', authorSlugs: ['bea', 'al'] }),
          at(3),
        );
        await store.articles.create(
          draftInput({ slug: 'd', sectionSlug: 'culture', tagSlugs: ['climate'], authorSlugs: ['al'] }),
        );

        expect(await slugsOf(store.articles.list({ limit: 10, section: 'culture' }))).toEqual(['c', 'b']);
        expect(await slugsOf(store.articles.list({ limit: 10, tag: 'climate' }))).toEqual(['b', 'a']);
        expect(await slugsOf(store.articles.list({ limit: 10, author: 'al' }))).toEqual(['c', 'a']);
        expect(await slugsOf(store.articles.list({ limit: 10, section: 'culture', tag: 'climate' }))).toEqual(
          ['b'],
        );
        expect(await slugsOf(store.articles.list({ limit: 10, tag: 'lisbon', author: 'al' }))).toEqual([]);
        expect(await slugsOf(store.articles.list({ limit: 10, section: 'sport' }))).toEqual([]);
      });

      it('filters by publication time: `from` included, `to` excluded', async () => {
        for (let day = 1; day <= 5; day++)
          await publish(store, draftInput({ slug: `day-${day}` }), day2025(day));
        const between = await slugsOf(
          store.articles.list({ limit: 10, from: day2025(2).toISOString(), to: day2025(4).toISOString() }),
        );
        expect(between).toEqual(['day-3', 'day-2']);
        // Offsets other than Z mean the same instants.
        expect(await slugsOf(store.articles.list({ limit: 10, from: '2025-03-04T14:00:00+02:00' }))).toEqual([
          'day-5',
          'day-4',
        ]);
      });

      it('pages through a filtered list with its cursor', async () => {
        for (let i = 0; i < 7; i++) {
          await publish(store, draftInput({ slug: `t-${i}`, tagSlugs: i % 2 ? ['climate'] : [] }), at(i));
        }
        const first = await store.articles.list({ limit: 2, tag: 'climate' });
        const second = await store.articles.list({
          limit: 2,
          tag: 'climate',
          cursor: first.nextCursor ?? '',
        });
        expect([...first.items, ...second.items].map((a) => a.slug)).toEqual(['t-5', 't-3', 't-1']);
        expect(second.nextCursor).toBeNull();
      });

      it('gives summaries with section, byline and tags in order, without the body', async () => {
        await publish(store, draftInput({ ...everyField, slug: 'full' }), at(1));
        const [summary] = (await store.articles.list({ limit: 1 })).items;
        expect(summary).toMatchObject({
          slug: 'full',
          section: { slug: 'world', name: 'World' },
          authors: [{ slug: 'bea' }, { slug: 'al' }],
          tags: [{ slug: 'climate' }, { slug: 'lisbon' }],
          heroImage: everyField.heroImage,
          publishedAt: at(1).toISOString(),
        });
        expect(summary).not.toHaveProperty('body');
      });
    });

    describe('saving changes', () => {
      it('changes only the fields given, bumps the version and the update time', async () => {
        const created = await store.articles.create(draftInput({ ...everyField, slug: 'edit-me' }), {
          now: at(0),
        });
        const newBody: Block[] = [{ type: 'paragraph', text: 'Short now.' }];
        const updated = await store.articles.update(
          {
            id: created.id,
            version: 1,
            headline: 'New headline',
            body: newBody,
            tagSlugs: ['lisbon', 'climate'],
          },
          { now: at(5) },
        );
        expect(updated).toMatchObject({
          headline: 'New headline',
          body: newBody,
          standfirst: created.standfirst,
          slug: 'edit-me',
          dateline: 'LISBON',
          version: 2,
          updatedAt: at(5).toISOString(),
          createdAt: created.createdAt,
          authors: created.authors,
          tags: [{ slug: 'lisbon' }, { slug: 'climate' }],
          wordCount: 2,
          readingTimeMinutes: readingTimeMinutes(newBody, 1),
        });
        expect(await store.articles.byId(created.id)).toEqual(updated);
      });

      it('refuses a save based on a stale version and keeps the other editor’s work', async () => {
        const created = await store.articles.create(draftInput({ slug: 'contested', tagSlugs: ['climate'] }));
        await store.articles.update({ id: created.id, version: 1, headline: 'Editor A' });

        const error = await store.articles
          .update({ id: created.id, version: 1, headline: 'Editor B', tagSlugs: ['lisbon'], slug: 'b-slug' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ expected: 1, actual: 2 });

        const stored = await store.articles.byId(created.id);
        expect(stored).toMatchObject({
          headline: 'Editor A',
          version: 2,
          slug: 'contested',
          tags: [{ slug: 'climate' }],
        });
      });

      it(`lets exactly one of two saves of the same version made at once win, ${raceOf(sessions)}`, async () => {
        const created = await store.articles.create(draftInput({ slug: 'race-to-save' }));
        const results = await Promise.allSettled([
          store.articles.update({ id: created.id, version: 1, headline: 'First editor' }),
          store.articles.update({ id: created.id, version: 1, headline: 'Second editor' }),
        ]);
        const saved = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r) => r.status === 'rejected');
        expect(saved).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
        const stored = await store.articles.byId(created.id);
        expect(stored?.version).toBe(2);
        expect(stored?.headline).toBe((saved[0] as PromiseFulfilledResult<Article>).value.headline);
      });

      it('keeps the update time on a minor save', async () => {
        const created = await store.articles.create(draftInput({ slug: 'typo' }), { now: at(0) });
        const minor = await store.articles.update(
          { id: created.id, version: 1, headline: 'Fixed typo', minor: true },
          { now: at(30) },
        );
        expect(minor.updatedAt).toBe(at(0).toISOString());
        expect(minor.version).toBe(2);
        const major = await store.articles.update(
          { id: created.id, version: 2, standfirst: 'New angle' },
          { now: at(60) },
        );
        expect(major.updatedAt).toBe(at(60).toISOString());
      });

      it('refuses to move an article to a slug another one has', async () => {
        await store.articles.create(draftInput({ slug: 'first' }));
        const second = await store.articles.create(draftInput({ slug: 'second' }));
        await expect(store.articles.update({ id: second.id, version: 1, slug: 'first' })).rejects.toThrow(
          SlugTakenError,
        );
        const same = await store.articles.update({
          id: second.id,
          version: 1,
          slug: 'second',
          headline: 'Same slug',
        });
        expect(same.slug).toBe('second');
      });

      it('refuses unknown references on update and changes nothing', async () => {
        const created = await store.articles.create(draftInput({ slug: 'refs', authorSlugs: ['al'] }));
        await expect(
          store.articles.update({ id: created.id, version: 1, authorSlugs: ['al', 'nobody'] }),
        ).rejects.toThrow(/"nobody"/);
        expect(await store.articles.byId(created.id)).toEqual(created);
      });

      it('reports an unknown article as not found', async () => {
        await expect(
          store.articles.update({ id: '00000000-0000-4000-8000-000000000000', version: 1, headline: 'x' }),
        ).rejects.toThrow(NotFoundError);
      });
    });

    describe('status changes', () => {
      it('sets the publication time on first publication only', async () => {
        const created = await store.articles.create(draftInput({ slug: 'pub' }), { now: at(0) });
        const published = await store.articles.setStatus(created.id, 1, 'published', { now: at(10) });
        expect(published).toMatchObject({
          status: 'published',
          publishedAt: at(10).toISOString(),
          version: 2,
        });
        const unpublished = await store.articles.setStatus(created.id, 2, 'draft', { now: at(20) });
        const again = await store.articles.setStatus(created.id, unpublished.version, 'published', {
          now: at(30),
        });
        expect(again.publishedAt).toBe(at(10).toISOString());
        expect(again.updatedAt).toBe(at(30).toISOString());
      });

      it('refuses moves the workflow does not allow, with the reason', async () => {
        const created = await store.articles.create(draftInput({ slug: 'flow' }));
        const archived = await store.articles.setStatus(created.id, 1, 'archived');
        const error = await store.articles
          .setStatus(created.id, archived.version, 'published')
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidTransitionError);
        expect((error as Error).message).toMatch(/archived.*published/);
        await expect(store.articles.setStatus(created.id, archived.version, 'archived')).rejects.toThrow(
          /already/,
        );
        expect((await store.articles.byId(created.id))?.status).toBe('archived');
      });

      it('schedules only with a future time, and keeps scheduled articles off the list', async () => {
        const created = await store.articles.create(draftInput({ slug: 'later' }), { now: at(0) });
        await expect(store.articles.setStatus(created.id, 1, 'scheduled', { now: at(1) })).rejects.toThrow(
          InvalidTransitionError,
        );
        await expect(
          store.articles.setStatus(created.id, 1, 'scheduled', {
            now: at(10),
            scheduledFor: at(5).toISOString(),
          }),
        ).rejects.toThrow(InvalidTransitionError);
        const scheduled = await store.articles.setStatus(created.id, 1, 'scheduled', {
          now: at(1),
          scheduledFor: at(60).toISOString(),
        });
        expect(scheduled).toMatchObject({
          status: 'scheduled',
          scheduledFor: at(60).toISOString(),
          publishedAt: null,
        });
        expect((await store.articles.list({ limit: 5 })).items).toEqual([]);
        const published = await store.articles.setStatus(created.id, 2, 'published', { now: at(60) });
        expect(published.scheduledFor).toBeNull();
      });

      it('refuses a status change based on a stale version', async () => {
        const created = await store.articles.create(draftInput({ slug: 'race' }));
        await store.articles.update({ id: created.id, version: 1, headline: 'Edited' });
        await expect(store.articles.setStatus(created.id, 1, 'published')).rejects.toThrow(
          VersionConflictError,
        );
        expect((await store.articles.byId(created.id))?.status).toBe('draft');
      });
    });

    describe('sections, tags and authors', () => {
      it('creates, replaces and lists by slug; articles show the new name', async () => {
        await publish(store, draftInput({ slug: 'tagged', tagSlugs: ['climate'] }), at(0));
        await store.tags.upsert({
          slug: 'climate',
          name: 'Climate crisis',
          description: 'Warming.',
          type: 'topic',
        });
        expect(await store.tags.bySlug('climate')).toEqual({
          slug: 'climate',
          name: 'Climate crisis',
          description: 'Warming.',
          type: 'topic',
          articleCount: 1,
        });
        expect((await store.articles.bySlug('tagged'))?.tags).toEqual([
          { slug: 'climate', name: 'Climate crisis', type: 'topic' },
        ]);
        expect((await store.tags.list()).map((t) => t.slug)).toEqual(['climate', 'lisbon']);
        expect(await store.tags.bySlug('unknown')).toBeNull();
      });

      it('lists sections in navigation order', async () => {
        await store.sections.upsert({ slug: 'aaa', name: 'Aaa', description: null, order: 9 });
        expect((await store.sections.list()).map((s) => s.slug)).toEqual(['world', 'culture', 'aaa']);
        expect(await store.sections.bySlug('culture')).toEqual({
          slug: 'culture',
          name: 'Culture',
          description: null,
          order: 1,
          articleCount: 0,
        });
      });

      it('keeps author details', async () => {
        const author = { slug: 'cy', name: 'Cy Columnist', bio: 'Writes.', avatar: '/avatars/cy.png' };
        await store.authors.upsert(author);
        expect(await store.authors.bySlug('cy')).toEqual({ ...author, articleCount: 0 });
        expect((await store.authors.list()).map((a) => a.slug)).toEqual(['al', 'bea', 'cy']);
      });
    });

    describe('API tokens', () => {
      it('resolves a new token to its principal; the secret is long, prefixed and unique', async () => {
        const { token, principal } = await store.tokens.create({
          name: 'Desk laptop',
          role: 'editor',
          authorSlug: 'al',
        });
        expect(token).toMatch(/^nr_[A-Za-z0-9_-]{43}$/);
        expect(PrincipalSchema.parse(principal)).toEqual({
          tokenId: principal.tokenId,
          name: 'Desk laptop',
          role: 'editor',
          authorSlug: 'al',
          personId: null,
          sessionId: null,
          mustEnrolSecondFactor: false,
        });
        expect(await store.tokens.resolve(token)).toEqual(principal);
        const other = await store.tokens.create({ name: 'Other', role: 'admin' });
        expect(other.token).not.toBe(token);
        expect(other.principal.authorSlug).toBeNull();
        const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
        expect(await store.tokens.resolve(tampered)).toBeNull();
        expect(await store.tokens.resolve('')).toBeNull();
      });

      it('stops resolving a revoked token', async () => {
        const { token, principal } = await store.tokens.create({
          name: 'Old',
          role: 'author',
          authorSlug: 'bea',
        });
        const keep = await store.tokens.create({ name: 'Keep', role: 'author', authorSlug: 'bea' });
        expect(await store.tokens.revoke(principal.tokenId)).toBe(true);
        expect(await store.tokens.resolve(token)).toBeNull();
        expect(await store.tokens.revoke(principal.tokenId)).toBe(false);
        expect(await store.tokens.revoke('00000000-0000-4000-8000-000000000000')).toBe(false);
        expect(await store.tokens.resolve(keep.token)).toEqual(keep.principal);
      });

      it('refuses a token for an unknown author', async () => {
        await expect(store.tokens.create({ name: 'x', role: 'author', authorSlug: 'ghost' })).rejects.toThrow(
          MissingReferenceError,
        );
      });
    });

    describeCommentContract(current);
    describeSearchContract(current);
    describeDeskListContract(current);
    describeRelatedContract(current);
    describeRevisionContract(current);
    describeEditorialContract(current, sessions);
    describeRedirectContract(current);
    describeTaxonomyContract(current);
    describeImportContract(current);
    describeRateLimitContract(current, sessions);
    describeChangeFeedContract(current);
    describePeopleContract(current, sessions);
    describeSessionContract(current, sessions);
    describeAuditContract(current);
    describePreviewContract(current);
    describeMediaContract(current);
    describeEventContract(current);
    describeWebhookContract(current);
    describeTokenContract(current);

    describe('readiness', () => {
      it('answers a ping while open, and says no once closed', async () => {
        expect(await store.ping()).toBe(true);
        await store.close();
        expect(await store.ping()).toBe(false);
      });
    });

    describe('importing finished articles', () => {
      it('keeps their status and times', async () => {
        const count = await store.articles.importMany([
          importInput({
            slug: 'imported',
            status: 'published',
            createdAt: at(0).toISOString(),
            publishedAt: at(5).toISOString(),
          }),
          importInput({ slug: 'imported-draft', status: 'draft', createdAt: at(1).toISOString() }),
        ]);
        expect(count).toBe(2);
        expect(await store.articles.bySlug('imported')).toMatchObject({
          status: 'published',
          createdAt: at(0).toISOString(),
          publishedAt: at(5).toISOString(),
          updatedAt: at(5).toISOString(),
          version: 1,
          tags: [{ slug: 'climate' }],
          relatedSlugs: [],
          commentPolicy: 'moderated',
          reviewRequestedAt: null,
        });
        expect(await slugsOf(store.articles.list({ limit: 5 }))).toEqual(['imported']);
      });

      it('imports large batches of articles with the most tags and authors allowed', async () => {
        const tagSlugs = Array.from({ length: limits.tagsPerArticle }, (_, i) => `tag-${i}`);
        const authorSlugs = Array.from({ length: limits.authorsPerArticle }, (_, i) => `author-${i}`);
        for (const slug of tagSlugs)
          await store.tags.upsert({ slug, name: slug, description: null, type: 'topic' });
        for (const slug of authorSlugs)
          await store.authors.upsert({ slug, name: slug, bio: null, avatar: null });
        function* articles() {
          for (let i = 0; i < 1_100; i++) yield importInput({ slug: `bulk-${i}`, tagSlugs, authorSlugs });
        }
        expect(await store.articles.importMany(articles(), { batchSize: 10_000 })).toBe(1_100);
        const last = await store.articles.bySlug('bulk-1099');
        expect(last?.tags.map((t) => t.slug)).toEqual(tagSlugs);
        expect(last?.authors.map((a) => a.slug)).toEqual(authorSlugs);
      });

      it('imports nothing when one article in the stream is bad', async () => {
        function* articles() {
          for (let i = 0; i < 5; i++) yield importInput({ slug: `ok-${i}` });
          yield importInput({ slug: 'bad', tagSlugs: ['no-such-tag'] });
        }
        await expect(store.articles.importMany(articles(), { batchSize: 2 })).rejects.toThrow(
          /"no-such-tag"/,
        );
        await expect(
          store.articles.importMany([importInput({ slug: 'x' }), importInput({ slug: 'x' })]),
        ).rejects.toThrow(SlugTakenError);
        expect(await store.articleCount()).toBe(0);
      });
    });
  });
}
