import { openPostgresStore, openSqliteStore, type Store } from '@newsroom/db';
import { createPGlite } from '@newsroom/db/testing/pglite';
import type { Article } from '@newsroom/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStorySlug } from './sample-stories.js';
import { seedIfEmpty } from './seed.js';

/** A PGlite of its own, closed with the Store. */
async function openPGliteStore(): Promise<Store> {
  const pglite = createPGlite();
  const store = await openPostgresStore(pglite);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    if (!pglite.closed) await pglite.close();
  };
  return store;
}

describe.each([
  ['SQLite', () => openSqliteStore(':memory:')],
  ['PostgreSQL on PGlite', openPGliteStore],
])('the sample newsroom on %s', (_, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store.close());

  it('seeds an empty store once only', async () => {
    const counts = await seedIfEmpty(store, { count: 12, seed: 3 });
    expect(counts).toMatchObject({ articles: 15 });
    expect(await store.articleCount()).toBe(15);
    expect(await seedIfEmpty(store, { count: 12, seed: 3 })).toBeNull();
    expect(await store.articleCount()).toBe(15);
    const page = await store.articles.list({ limit: 100 });
    expect(page.items).toHaveLength(15);
  });

  it('has the sample story, with its see-also links and AP credit', async () => {
    await seedIfEmpty(store, { count: 5, seed: 1 });
    const story = await store.articles.bySlug(sampleStorySlug);
    expect(story).toMatchObject({
      headline:
        'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov',
      dateline: 'KUALA LUMPUR',
      sources: [{ name: 'AP', type: 'wire', url: null }],
      section: { slug: 'world' },
      authors: [{ name: 'Newsroom Wire Desk' }],
      publishedAt: '2025-07-10T14:05:00.000Z',
    });
    const storyBody = (story as Article).body;
    expect(story?.tags.map((t) => t.slug)).toEqual(
      expect.arrayContaining(['ukraine', 'russia', 'asean', 'marco-rubio', 'sergei-lavrov']),
    );
    expect(story?.tags[0]?.slug).toBe('ukraine');
    expect(storyBody).toContainEqual({
      type: 'heading',
      level: 2,
      text: 'Diplomatic promotion and tariff threats',
    });
    const text = JSON.stringify(storyBody);
    for (const furniture of [
      '4 Min Read',
      'TAGGED',
      'Share This Article',
      'Leave a comment',
      'Additional sources',
    ]) {
      expect(text).not.toContain(furniture);
    }
    const seeAlso = storyBody.filter((b) => b.type === 'see-also');
    expect(seeAlso.map((b) => b.headline)).toEqual([
      "Fire destroys Tomorrowland's iconic main stage",
      'Sebastia Salgado, master of black and white photography, dies at age 81',
    ]);
    for (const link of seeAlso) {
      const target = await store.articles.bySlug(link.slug ?? '');
      expect(target?.headline).toBe(link.headline);
    }
    // The editor's related picks are the two see-also stories, shown first and in order.
    expect(story?.relatedSlugs).toEqual(seeAlso.map((b) => b.slug));
    const related = await store.articles.related((story as Article).id, 4);
    expect(related.slice(0, 2).map((a) => a.slug)).toEqual(seeAlso.map((b) => b.slug));
  });
});
