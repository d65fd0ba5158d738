import { createHash } from 'node:crypto';
import type { Article, ArticleDraftInput } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  InvalidTransitionError,
  MissingReferenceError,
  SlugTakenError,
} from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput, textBody } from './contract-fixtures.js';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** A story as the parsers hand it over (what it leaves out takes the defaults); its hash follows its words unless given. */
function copy(overrides: Partial<ArticleDraftInput> & { words?: string } = {}): ArticleDraftInput {
  const { words = 'Crews worked through the night.', ...rest } = overrides;
  return {
    origin: 'copy.txt',
    contentHash: hashOf(`${rest.headline ?? 'Harbour lights return'}\n${words}`),
    headline: 'Harbour lights return',
    body: textBody(words),
    ...rest,
  };
}

/** Idempotent imports of outside copy. Part of describeStoreContract. */
export function describeImportContract(store: () => Store): void {
  describe('imports', () => {
    const importDraft = (...args: Parameters<Store['imports']['importDraft']>) =>
      store().imports.importDraft(...args);
    const tagSlugs = async () => (await store().tags.list()).map((t) => t.slug);
    const authorSlugs = async () => (await store().authors.list()).map((a) => a.slug);
    const revisionKinds = async (article: Article) =>
      (await store().articles.revisions(article.id, { limit: 20 })).items.map((r) => r.kind);

    it('creates a draft from new copy, naming tags and authors it creates or finds, and records the import', async () => {
      const draft = copy({
        sources: [{ name: 'AP', type: 'wire', url: null }],
        tags: [{ name: 'Climate' }, { name: 'Harbour Lights', type: 'place' }, { name: 'climate' }],
        authors: ['Bea Reporter', 'Cy Stringer'],
        section: 'world',
        standfirst: 'They are back.',
        dateline: 'LISBON',
        language: 'pt-BR',
      });
      const result = await importDraft(draft, { now: at(0) });

      expect(result.action).toBe('created');
      expect(result.reason).toBeUndefined();
      expect(result.article).toMatchObject({
        slug: 'harbour-lights-return',
        headline: 'Harbour lights return',
        standfirst: 'They are back.',
        dateline: 'LISBON',
        body: textBody('Crews worked through the night.'),
        status: 'draft',
        publishedAt: null,
        createdAt: at(0).toISOString(),
        version: 1,
        section: { slug: 'world', name: 'World' },
        sources: [{ name: 'AP', type: 'wire', url: null }],
        language: 'pt-BR',
        tags: [
          { slug: 'climate', name: 'Climate', type: 'topic' },
          { slug: 'harbour-lights', name: 'Harbour Lights', type: 'place' },
        ],
        authors: [
          { slug: 'bea', name: 'Bea Reporter' },
          { slug: 'cy-stringer', name: 'Cy Stringer' },
        ],
      });
      // Found by name although the slug of "Bea Reporter" would be "bea-reporter".
      expect(await authorSlugs()).not.toContain('bea-reporter');
      expect(await authorSlugs()).toContain('cy-stringer');
      expect(await store().articles.byId(result.article.id)).toEqual(result.article);
      expect(await store().imports.byArticleId(result.article.id)).toEqual({
        articleId: result.article.id,
        sourceId: null,
        contentHash: draft.contentHash,
        importedVersion: 1,
        importedAt: at(0).toISOString(),
      });
      expect(await revisionKinds(result.article)).toEqual(['created']);
    });

    it('publishes when asked, at the time the copy gives or else now; the option wins over the copy', async () => {
      const dated = await importDraft(
        copy({ headline: 'Dated', status: 'published', publishedAt: '2025-03-01T08:00:00+01:00' }),
        { now: at(0) },
      );
      expect(dated.article).toMatchObject({
        status: 'published',
        publishedAt: '2025-03-01T07:00:00.000Z',
        updatedAt: '2025-03-01T07:00:00.000Z',
      });
      const undated = await importDraft(copy({ headline: 'Undated' }), { status: 'published', now: at(5) });
      expect(undated.article).toMatchObject({ status: 'published', publishedAt: at(5).toISOString() });
      const kept = await importDraft(copy({ headline: 'Kept back', status: 'published' }), {
        status: 'draft',
      });
      expect(kept.article.status).toBe('draft');
      expect(await store().articles.bySlug('undated')).not.toBeNull();
    });

    it('skips the same copy again, found by its text or by its own identity', async () => {
      const first = await importDraft(copy(), { now: at(0) });
      const again = await importDraft(copy({ origin: 'elsewhere/copy.txt' }), { now: at(10) });
      expect(again).toEqual({ action: 'skipped', reason: 'unchanged', article: first.article });

      const guid = 'urn:example:item-1';
      const fromFeed = await importDraft(copy({ headline: 'From a feed', sourceId: guid }), { now: at(0) });
      const sameItem = await importDraft(copy({ headline: 'From a feed', sourceId: guid }), { now: at(10) });
      expect(sameItem.action).toBe('skipped');
      expect(sameItem.article.id).toBe(fromFeed.article.id);
      expect(await store().articleCount()).toBe(2);
      expect((await store().imports.byArticleId(first.article.id))?.importedAt).toBe(at(0).toISOString());
    });

    it('updates changed copy in place: same id and slug, next version, fields the copy leaves empty kept', async () => {
      const guid = 'urn:example:item-2';
      const first = await importDraft(
        copy({
          sourceId: guid,
          standfirst: 'First standfirst.',
          tags: [{ name: 'Lisbon' }],
          section: 'world',
        }),
        { now: at(0) },
      );
      const changed = copy({
        sourceId: guid,
        headline: 'Harbour lights return, brighter',
        words: 'Corrected.',
      });
      const result = await importDraft(changed, { now: at(30) });

      expect(result.action).toBe('updated');
      expect(result.article).toMatchObject({
        id: first.article.id,
        slug: first.article.slug,
        headline: 'Harbour lights return, brighter',
        body: textBody('Corrected.'),
        standfirst: 'First standfirst.',
        tags: [{ slug: 'lisbon' }],
        section: { slug: 'world' },
        version: 2,
        updatedAt: at(30).toISOString(),
        status: 'draft',
      });
      expect(await store().imports.byArticleId(first.article.id)).toMatchObject({
        sourceId: guid,
        contentHash: changed.contentHash,
        importedVersion: 2,
        importedAt: at(30).toISOString(),
      });
      expect(await revisionKinds(result.article)).toEqual(['updated', 'created']);
      expect(await store().articleCount()).toBe(1);
      // And the updated copy, brought again, is unchanged.
      expect((await importDraft(changed)).reason).toBe('unchanged');
    });

    it('leaves an article edited since its import alone, unless forced; then it is the copy again', async () => {
      const story = (more: Partial<ArticleDraftInput> & { words?: string } = {}) =>
        copy({ sourceId: 'urn:edited', standfirst: 'From the copy.', ...more });
      const first = await importDraft(story(), { now: at(0) });
      const edited = await store().articles.update({
        id: first.article.id,
        version: first.article.version,
        headline: 'An editor’s headline',
        body: textBody('An editor’s words.'),
      });

      const skipped = await importDraft(story(), { now: at(10) });
      expect(skipped).toEqual({ action: 'skipped', reason: 'edited since import', article: edited });
      const changedCopy = await importDraft(story({ words: 'New words.' }), { now: at(10) });
      expect(changedCopy.reason).toBe('edited since import');
      expect(await store().articles.byId(first.article.id)).toEqual(edited);

      const forced = await importDraft(story(), { force: true, now: at(20) });
      expect(forced.action).toBe('updated');
      expect(forced.article).toMatchObject({
        id: first.article.id,
        headline: 'Harbour lights return',
        body: textBody('Crews worked through the night.'),
        standfirst: 'From the copy.',
        version: 3,
      });
      expect((await store().imports.byArticleId(first.article.id))?.importedVersion).toBe(3);
      expect((await importDraft(story())).reason).toBe('unchanged');
      expect(await store().articleCount()).toBe(1);
    });

    it('counts publishing through the Store as an edit, and moves the status when an import asks', async () => {
      const first = await importDraft(copy(), { now: at(0) });
      const published = await importDraft(copy(), { status: 'published', now: at(5) });
      expect(published.action).toBe('updated');
      expect(published.article).toMatchObject({ status: 'published', publishedAt: at(5).toISOString() });
      expect(published.article.headline).toBe(first.article.headline);
      expect((await importDraft(copy(), { status: 'published' })).reason).toBe('unchanged');

      const unpublished = await store().articles.setStatus(
        published.article.id,
        published.article.version,
        'draft',
      );
      expect((await importDraft(copy())).reason).toBe('edited since import');
      const archived = await store().articles.setStatus(unpublished.id, unpublished.version, 'archived');
      await expect(importDraft(copy(), { status: 'published', force: true })).rejects.toThrow(
        InvalidTransitionError,
      );
      expect(await store().articles.byId(archived.id)).toEqual(archived);
    });

    it('fails a story with an unknown section and writes nothing, not even its new tags and authors', async () => {
      const tagsBefore = await tagSlugs();
      const authorsBefore = await authorSlugs();
      const draft = copy({ tags: [{ name: 'Brand new tag' }], authors: ['New Person'], section: 'nowhere' });
      await expect(importDraft(draft)).rejects.toThrow(MissingReferenceError);
      await expect(
        importDraft(copy({ tags: [{ name: 'Brand new tag' }] }), { section: 'nowhere' }),
      ).rejects.toThrow(/unknown section "nowhere"/);
      expect(await store().articleCount()).toBe(0);
      expect(await tagSlugs()).toEqual(tagsBefore);
      expect(await authorSlugs()).toEqual(authorsBefore);
    });

    it('fails a story whose explicit slug is taken after making its tags, and rolls the tags back', async () => {
      await store().articles.create(draftInput({ slug: 'taken' }));
      const tagsBefore = await tagSlugs();
      await expect(importDraft(copy({ slug: 'taken', tags: [{ name: 'Fresh tag' }] }))).rejects.toThrow(
        SlugTakenError,
      );
      expect(await tagSlugs()).toEqual(tagsBefore);
      expect(await store().articleCount()).toBe(1);
    });

    it('refuses an invalid draft with one line naming the fields', async () => {
      const long = copy({ headline: 'x'.repeat(201) });
      const error = await importDraft(long).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(/^headline: headline must be at most 200 characters/);
      expect((error as Error).message).not.toContain('\n');
      await expect(importDraft(copy({ contentHash: 'abc' }))).rejects.toThrow(/contentHash/);
      await expect(importDraft(copy({ status: 'scheduled' }))).rejects.toThrow(/draft or published/);
      expect(await store().articleCount()).toBe(0);
    });

    it('gives a new story whose headline another article has the next free slug', async () => {
      await store().articles.create(draftInput({ headline: 'Harbour lights return' }));
      const result = await importDraft(copy());
      expect(result.article.slug).toBe('harbour-lights-return-2');
      const third = await importDraft(copy({ words: 'Other words.' }));
      expect(third.action).toBe('created');
      expect(third.article.slug).toBe('harbour-lights-return-3');
    });

    it('keeps two stories with the same text apart when their identities differ', async () => {
      const a = await importDraft(copy({ sourceId: 'urn:a' }));
      const b = await importDraft(copy({ sourceId: 'urn:b' }));
      expect(b.action).toBe('created');
      expect(b.article.id).not.toBe(a.article.id);
      // Copy without an identity that was imported before gains one when it comes with one.
      const plain = await importDraft(copy({ headline: 'Plain', words: 'Plain words.' }));
      const identified = await importDraft(
        copy({ headline: 'Plain', words: 'Plain words.', sourceId: 'urn:c' }),
      );
      expect(identified).toMatchObject({ action: 'skipped', reason: 'unchanged' });
      expect((await store().imports.byArticleId(plain.article.id))?.sourceId).toBe('urn:c');
    });

    it('follows renamed tags instead of making the old name again', async () => {
      await store().tags.update('climate', { slug: 'climate-change', name: 'Climate change' });
      const result = await importDraft(copy({ tags: [{ name: 'Climate' }] }));
      expect(result.article.tags.map((t) => t.slug)).toEqual(['climate-change']);
      expect(await tagSlugs()).not.toContain('climate');
    });

    it('decides in a dry run exactly as for real, and writes nothing', async () => {
      const tagsBefore = await tagSlugs();
      const dry = await importDraft(copy({ tags: [{ name: 'Dry tag' }] }), { dryRun: true });
      expect(dry.action).toBe('created');
      expect(dry.article.slug).toBe('harbour-lights-return');
      expect(await store().articleCount()).toBe(0);
      expect(await tagSlugs()).toEqual(tagsBefore);

      const real = await importDraft(copy({ sourceId: 'urn:dry' }), { now: at(0) });
      const dryUpdate = await importDraft(copy({ sourceId: 'urn:dry', words: 'Changed.' }), { dryRun: true });
      expect(dryUpdate).toMatchObject({ action: 'updated', article: { version: 2 } });
      expect(await store().articles.byId(real.article.id)).toEqual(real.article);
      expect((await store().imports.byArticleId(real.article.id))?.importedVersion).toBe(1);
      await expect(
        importDraft(copy({ sourceId: 'urn:dry' }), { dryRun: true, section: 'nowhere' }),
      ).resolves.toMatchObject({
        action: 'skipped',
      });
      await expect(
        importDraft(copy({ headline: 'Other' }), { dryRun: true, section: 'nowhere' }),
      ).rejects.toThrow(MissingReferenceError);
    });

    it('imports many stories in batches, each in its own savepoint: a failing one alone is left out', async () => {
      const tagsBefore = await tagSlugs();
      async function* drafts() {
        yield copy({ headline: 'One', sourceId: 'urn:1' });
        yield copy({
          headline: 'Two',
          sourceId: 'urn:2',
          section: 'nowhere',
          tags: [{ name: 'Doomed tag' }],
        });
        yield copy({ headline: 'Three', sourceId: 'urn:3', tags: [{ name: 'Kept tag' }] });
        yield copy({ headline: 'One', sourceId: 'urn:1' });
        yield copy({ headline: 'x'.repeat(201) });
      }
      const outcomes = [];
      for await (const outcome of store().imports.importDrafts(drafts(), { batchSize: 2, now: at(0) })) {
        outcomes.push(outcome);
      }
      expect(
        outcomes.map((o) => (o.ok ? [o.result.action, o.result.article.headline] : [o.error.name])),
      ).toEqual([
        ['created', 'One'],
        ['MissingReferenceError'],
        ['created', 'Three'],
        ['skipped', 'One'],
        ['InvalidInputError'],
      ]);
      expect(await store().articleCount()).toBe(2);
      expect(await tagSlugs()).toEqual([...tagsBefore, 'kept-tag'].sort());
      const three = await store().articles.bySlug('three', { status: 'any' });
      expect(await store().imports.byArticleId(three?.id ?? '')).toMatchObject({ sourceId: 'urn:3' });
    });

    it('decides every story of a dry run against the database as it was, and writes nothing', async () => {
      const outcomes = [];
      for await (const outcome of store().imports.importDrafts([copy(), copy()], { dryRun: true })) {
        outcomes.push(outcome.ok ? outcome.result.action : outcome.error.message);
      }
      expect(outcomes).toEqual(['created', 'created']);
      expect(await store().articleCount()).toBe(0);
    });

    it('forgets the import with the article: the copy comes back as a new article', async () => {
      const first = await importDraft(copy());
      await store().articles.delete(first.article.id, first.article.version);
      expect(await store().imports.byArticleId(first.article.id)).toBeNull();
      const again = await importDraft(copy());
      expect(again.action).toBe('created');
      expect(again.article.id).not.toBe(first.article.id);
    });
  });
}
