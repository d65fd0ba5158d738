import { readFile } from 'node:fs/promises';
import { openSqliteStore, type Store } from '@newsroom/db';
import { slugify } from '@newsroom/domain';
import { parseScrapedText } from '@newsroom/ingest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFileUrl, sampleStories, sampleStory, sampleStorySlug } from './sample-stories.js';
import { sampleAuthors, sampleTags } from './sample-taxonomy.js';
import { seed } from './seed.js';

let store: Store;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});
afterEach(() => store.close());

describe('the sample stories', () => {
  it('ship as scraped text beside the package, each headline making its slug', async () => {
    for (const story of sampleStories) {
      const text = await readFile(sampleFileUrl(story.file), 'utf8');
      const draft = parseScrapedText(text, { origin: story.file });
      expect(slugify(draft.headline)).toBe(story.slug);
      expect(draft.warnings).toEqual([]);
    }
    expect(sampleStory.slug).toBe(sampleStorySlug);
  });

  it('are imported from that copy, with the heading, see-also links and AP credit the parser finds', async () => {
    await seed(store, { count: 0 });
    const story = await store.articles.bySlug(sampleStorySlug);
    expect(story?.headline).toBe(
      'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov',
    );
    const body = story?.body ?? [];
    expect(body.filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'Diplomatic promotion and tariff threats' },
    ]);
    expect(body.filter((b) => b.type === 'see-also')).toEqual([
      {
        type: 'see-also',
        slug: 'fire-destroys-tomorrowlands-iconic-main-stage',
        headline: "Fire destroys Tomorrowland's iconic main stage",
      },
      {
        type: 'see-also',
        slug: 'sebastia-salgado-master-of-black-and-white-photography-dies-at-age-81',
        headline: 'Sebastia Salgado, master of black and white photography, dies at age 81',
      },
    ]);
    expect(story?.sources).toEqual([{ name: 'AP', type: 'wire', url: null }]);
    expect(body.filter((b) => b.type === 'paragraph')).toHaveLength(21);
    expect(body.at(-1)).toEqual({
      type: 'paragraph',
      text: 'Anwar urged ASEAN to strengthen regional trade and reduce its dependence on external forces.',
    });
    const text = JSON.stringify(body);
    for (const furniture of [
      '4 Min Read',
      'TAGGED',
      'Share This Article',
      'Leave a comment',
      'Additional sources',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('get the seed’s editorial data as a minor edit after their import, which a re-import respects', async () => {
    await seed(store, { count: 0 });
    const story = await store.articles.bySlug(sampleStorySlug);
    expect(story).toMatchObject({
      status: 'published',
      createdAt: sampleStory.createdAt,
      publishedAt: sampleStory.publishedAt,
      updatedAt: sampleStory.publishedAt,
      dateline: 'KUALA LUMPUR',
      standfirst: sampleStory.standfirst,
      relatedSlugs: sampleStory.relatedSlugs,
      version: 2,
    });
    expect(story?.tags.map((t) => t.slug)).toEqual(sampleStory.tagSlugs);
    const revisions = await store.articles.revisions(story?.id ?? '', { limit: 5 });
    expect(revisions.items.map((r) => [r.kind, r.actor.name])).toEqual([
      ['updated', 'newsroom seed'],
      ['created', 'newsroom seed'],
    ]);
    expect(await store.imports.byArticleId(story?.id ?? '')).toMatchObject({ importedVersion: 1 });

    const text = await readFile(sampleFileUrl(sampleStory.file), 'utf8');
    const again = await store.imports.importDraft(parseScrapedText(text, { origin: 'again' }));
    expect(again).toMatchObject({ action: 'skipped', reason: 'edited since import' });
  });

  it('name only tags and authors the seed creates', () => {
    const tags = new Set(sampleTags.map((t) => t.slug));
    const authors = new Set(sampleAuthors.map((a) => a.slug));
    for (const story of sampleStories) {
      for (const tag of story.tagSlugs) expect(tags.has(tag)).toBe(true);
      for (const author of story.authorSlugs) expect(authors.has(author)).toBe(true);
    }
    expect(sampleTags.find((t) => t.slug === 'marco-rubio')?.type).toBe('person');
  });
});
